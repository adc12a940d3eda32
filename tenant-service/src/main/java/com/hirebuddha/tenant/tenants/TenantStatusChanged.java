package com.hirebuddha.tenant.tenants;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Payload of {@value #TYPE} on {@code tenant.events}, keyed by tenant id: the gateway
 * refuses a tenant's requests while its status is not {@code ACTIVE}.
 *
 * @param tenantId the tenant
 * @param status its new status
 * @param reason why, if given
 * @param changedAt when
 */
public record TenantStatusChanged(UUID tenantId, TenantStatus status, @Nullable String reason, Instant changedAt) {

	/** The versioned event type. */
	public static final String TYPE = "hirebuddha.tenant.status-changed.v1";

}
