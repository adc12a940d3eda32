package com.hirebuddha.tenant.tenants;

import java.time.Instant;
import java.util.UUID;

import com.hirebuddha.commons.events.TenantKeyedEvent;
import com.hirebuddha.commons.events.Topics;
import org.jspecify.annotations.Nullable;

/**
 * Payload of {@value #TYPE} on {@code tenant.events}, keyed by tenant id. It carries the
 * whole status, so the latest event per tenant (all a compacted topic keeps) is enough to
 * know it: the gateway refuses a tenant whose {@code accessStatus} is not {@code ACTIVE}.
 *
 * @param tenantId the tenant
 * @param partnerId its partner, if any
 * @param status the tenant's own status
 * @param accessStatus the status its requests get: its own, or SUSPENDED while its
 * partner is not active
 * @param reasonCode why it changed
 * @param reason the admin's words, if any
 * @param requestsPerMinute the plan's rate limit at the gateway, if the plan sets one
 * @param changedAt when
 */
public record TenantStatusChanged(UUID tenantId, @Nullable UUID partnerId, TenantStatus status,
		TenantStatus accessStatus, ReasonCode reasonCode, @Nullable String reason, @Nullable Integer requestsPerMinute,
		Instant changedAt) implements TenantKeyedEvent {

	/** The versioned event type. */
	public static final String TYPE = "hirebuddha.tenant.status-changed.v1";

	@Override
	public String topic() {
		return Topics.TENANT_EVENTS;
	}

	@Override
	public String type() {
		return TYPE;
	}

}
