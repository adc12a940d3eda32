package com.hirebuddha.auth.sessions;

import java.time.Instant;
import java.util.UUID;

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
		Instant accessTokensExpireBy) {

	/** The versioned event type. */
	public static final String TYPE = "hirebuddha.auth.session-revoked.v1";

}
