package com.hirebuddha.tenant.tenants;

import java.time.Instant;
import java.util.UUID;

import com.hirebuddha.commons.events.TenantKeyedEvent;
import com.hirebuddha.commons.events.Topics;
import org.jspecify.annotations.Nullable;

/**
 * Payload of {@value #TYPE} on {@code tenant.events}, keyed by tenant id: the tenant's
 * settings changed. Like every tenant event it carries the status too, so the latest
 * event per tenant is enough to know it.
 *
 * @param tenantId the tenant
 * @param partnerId its partner, if any
 * @param name its display name
 * @param subdomain its subdomain, if any
 * @param status its own status
 * @param accessStatus the status its requests get
 * @param requestsPerMinute the plan's rate limit at the gateway, if set
 * @param limits all plan limits
 * @param defaultModel its default model, if set
 * @param updatedAt when
 */
public record TenantUpdated(UUID tenantId, @Nullable UUID partnerId, String name, @Nullable String subdomain,
		TenantStatus status, TenantStatus accessStatus, @Nullable Integer requestsPerMinute, Limits limits,
		@Nullable String defaultModel, Instant updatedAt) implements TenantKeyedEvent {

	/** The versioned event type. */
	public static final String TYPE = "hirebuddha.tenant.updated.v1";

	@Override
	public String topic() {
		return Topics.TENANT_EVENTS;
	}

	@Override
	public String type() {
		return TYPE;
	}

}
