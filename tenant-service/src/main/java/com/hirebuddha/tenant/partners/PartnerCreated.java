package com.hirebuddha.tenant.partners;

import java.time.Instant;
import java.util.UUID;

import com.hirebuddha.commons.events.Event;
import com.hirebuddha.commons.events.Topics;
import org.jspecify.annotations.Nullable;

/**
 * Payload of {@value #TYPE} on {@code tenant.events}, keyed by partner id.
 *
 * @param partnerId the new partner
 * @param name its display name
 * @param createdAt when it was created
 */
public record PartnerCreated(UUID partnerId, String name, Instant createdAt) implements Event {

	/** The versioned event type. */
	public static final String TYPE = "hirebuddha.partner.created.v1";

	@Override
	public String topic() {
		return Topics.TENANT_EVENTS;
	}

	@Override
	public String key() {
		return this.partnerId.toString();
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public @Nullable UUID tenant() {
		return null;
	}

}
