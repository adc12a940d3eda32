package com.hirebuddha.auth.accounts;

import java.time.Instant;
import java.util.UUID;

import com.hirebuddha.commons.events.Event;
import com.hirebuddha.commons.events.Topics;
import org.jspecify.annotations.Nullable;

/**
 * Payload of {@value #TYPE} on {@code auth.events}, keyed by user id.
 *
 * @param userId the new user
 * @param tenantId its tenant, if any
 * @param partnerId its partner, if any
 * @param role its role
 * @param email its email
 * @param name its display name
 * @param createdAt when
 */
public record UserRegistered(UUID userId, @Nullable UUID tenantId, @Nullable UUID partnerId, String role, String email,
		String name, Instant createdAt) implements Event {

	/** The versioned event type. */
	public static final String TYPE = "hirebuddha.auth.user-registered.v1";

	@Override
	public String topic() {
		return Topics.AUTH_EVENTS;
	}

	@Override
	public String key() {
		return this.userId.toString();
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public @Nullable UUID tenant() {
		return this.tenantId;
	}

}
