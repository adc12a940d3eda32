package com.hirebuddha.auth.sessions;

import java.time.Instant;
import java.util.UUID;

import com.hirebuddha.commons.events.Event;
import com.hirebuddha.commons.events.Topics;
import org.jspecify.annotations.Nullable;

/**
 * Payload of {@value #TYPE} on {@code auth.events}, keyed by user id: the gateway refuses
 * the session's access tokens until {@code accessTokensExpireBy}.
 *
 * @param sessionId the revoked session ({@code sid} claim)
 * @param userId its user
 * @param reason {@code logout}, {@code reuse-detected}, {@code password-reset} …
 * @param revokedAt when
 * @param accessTokensExpireBy when the last access token of the session expires
 */
public record SessionRevoked(UUID sessionId, UUID userId, String reason, Instant revokedAt,
		Instant accessTokensExpireBy) implements Event {

	/** The versioned event type. */
	public static final String TYPE = "hirebuddha.auth.session-revoked.v1";

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
		return null;
	}

}
