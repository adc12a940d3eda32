package com.hirebuddha.tenant.tenants;

import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@value #TYPE} on {@code tenant.events}, keyed by tenant id.
 *
 * @param tenantId the new tenant
 * @param name its display name
 * @param status its status, always {@code ACTIVE} at creation
 * @param createdAt when it was created
 */
public record TenantCreated(UUID tenantId, String name, TenantStatus status, Instant createdAt) {

	/** The versioned event type. */
	public static final String TYPE = "hirebuddha.tenant.created.v1";

}
