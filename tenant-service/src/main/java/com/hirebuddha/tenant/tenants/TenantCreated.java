package com.hirebuddha.tenant.tenants;

import java.time.Instant;
import java.util.UUID;

import com.hirebuddha.commons.events.TenantKeyedEvent;
import com.hirebuddha.commons.events.Topics;
import org.jspecify.annotations.Nullable;

/**
 * Payload of {@value #TYPE} on {@code tenant.events}, keyed by tenant id.
 *
 * @param tenantId the new tenant
 * @param name its display name
 * @param partnerId its partner, or null for the platform's own
 * @param status its status, always {@code ACTIVE} at creation
 * @param accessStatus whether its users and keys get through the gateway
 * @param createdAt when it was created
 */
public record TenantCreated(UUID tenantId, String name, @Nullable UUID partnerId, TenantStatus status,
		TenantStatus accessStatus, Instant createdAt) implements TenantKeyedEvent {

	/** The versioned event type. */
	public static final String TYPE = "hirebuddha.tenant.created.v1";

	@Override
	public String topic() {
		return Topics.TENANT_EVENTS;
	}

	@Override
	public String type() {
		return TYPE;
	}

}
