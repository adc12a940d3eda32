package com.hirebuddha.auth.sessions;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.hirebuddha.auth.Sql;
import com.hirebuddha.auth.AuthProperties;
import com.hirebuddha.auth.Secrets;
import com.hirebuddha.commons.events.EventPublisher;
import com.hirebuddha.commons.jdbc.Rows;
import com.hirebuddha.commons.web.ApiException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts, refreshes and ends sessions. A session is a family of refresh tokens with an
 * absolute end; each refresh marks the presented token used with one conditional update,
 * so of N concurrent refreshes exactly one wins, and any later presentation of a used
 * token is treated as theft: the whole family is revoked (RFC 9700, section 4.14.2).
 */
@Service
public class Sessions {

	private static final Logger log = LoggerFactory.getLogger(Sessions.class);

	private static final String REFRESH_PREFIX = "hbr_";

	private final JdbcClient jdbc;

	private final AccessTokens accessTokens;

	private final EventPublisher events;

	private final AuthProperties properties;

	private final Clock clock;

	Sessions(JdbcClient jdbc, AccessTokens accessTokens, EventPublisher events, AuthProperties properties,
			Clock clock) {
		this.jdbc = jdbc;
		this.accessTokens = accessTokens;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Starts a session for a user who just proved who they are.
	 * @param principal the user
	 * @return the first token pair
	 */
	@Transactional
	public TokenResponse start(Principal principal) {
		Instant now = this.clock.instant();
		UUID family = UUID.randomUUID();
		this.jdbc
			.sql("insert into session_family (id, user_id, created_at, expires_at) values (:id, :user, :now, :end)")
			.param("id", family)
			.param("user", principal.userId())
			.param("now", Sql.timestamp(now))
			.param("end", Sql.timestamp(now.plus(this.properties.sessionLifetime())))
			.update();
		return issue(principal, family, now, now.plus(this.properties.sessionLifetime()));
	}

	/**
	 * Trades a refresh token for a new pair; the presented token is dead afterwards.
	 * @param refreshToken the opaque token
	 * @return the new pair
	 * @throws ApiException 401 when the token is unknown, expired, used or its session
	 * ended
	 */
	@Transactional(noRollbackFor = ApiException.class)
	public TokenResponse refresh(String refreshToken) {
		Instant now = this.clock.instant();
		byte[] hash = Secrets.hash(refreshToken);
		Stored stored = this.jdbc
			.sql("select t.family_id, t.expires_at, t.used_at, f.user_id, f.expires_at as session_end, f.revoked_at "
					+ "from refresh_token t join session_family f on f.id = t.family_id where t.token_hash = :hash")
			.param("hash", hash)
			.query((rs, n) -> new Stored(rs.getObject("family_id", UUID.class), rs.getObject("user_id", UUID.class),
					rs.getTimestamp("expires_at").toInstant(), rs.getTimestamp("used_at") != null,
					rs.getTimestamp("session_end").toInstant(), rs.getTimestamp("revoked_at") != null))
			.optional()
			.orElseThrow(Sessions::invalid);
		if (stored.revoked() || !stored.sessionEnd().isAfter(now) || !stored.expiresAt().isAfter(now)) {
			throw invalid();
		}
		int claimed = this.jdbc
			.sql("update refresh_token set used_at = :now where token_hash = :hash and used_at is null")
			.param("now", Sql.timestamp(now))
			.param("hash", hash)
			.update();
		if (claimed != 1) {
			log.warn("refresh token reuse in session {}: revoking it", stored.familyId());
			revoke(stored.familyId(), stored.userId(), "reuse-detected", now);
			throw invalid();
		}
		Principal principal = principal(stored.userId());
		if (principal == null) {
			throw invalid();
		}
		return issue(principal, stored.familyId(), now, stored.sessionEnd());
	}

	/**
	 * Ends one session: its refresh tokens stop working at once, its access tokens at the
	 * gateway within seconds.
	 * @param sessionId the session
	 * @param userId its user (a session of another user is left alone)
	 * @param reason why
	 */
	@Transactional
	public void end(UUID sessionId, UUID userId, String reason) {
		revoke(sessionId, userId, reason, this.clock.instant());
	}

	/**
	 * Ends every session of a user, for example after a password reset.
	 * @param userId the user
	 * @param reason why
	 */
	@Transactional
	public void endAll(UUID userId, String reason) {
		Instant now = this.clock.instant();
		List<UUID> sessions = Rows
			.present(this.jdbc.sql("select id from session_family where user_id = :user and revoked_at is null")
				.param("user", userId)
				.query(UUID.class)
				.list());
		sessions.forEach((session) -> revoke(session, userId, reason, now));
	}

	private void revoke(UUID sessionId, UUID userId, String reason, Instant now) {
		int revoked = this.jdbc
			.sql("update session_family set revoked_at = :now, revoke_reason = :reason "
					+ "where id = :id and user_id = :user and revoked_at is null")
			.param("now", Sql.timestamp(now))
			.param("reason", reason)
			.param("id", sessionId)
			.param("user", userId)
			.update();
		if (revoked == 1) {
			this.events.publish(
					new SessionRevoked(sessionId, userId, reason, now, now.plus(this.properties.accessTokenTtl())));
		}
	}

	private TokenResponse issue(Principal principal, UUID family, Instant now, Instant sessionEnd) {
		String refreshToken = Secrets.generate(REFRESH_PREFIX);
		Instant refreshEnd = now.plus(this.properties.refreshTokenTtl());
		this.jdbc
			.sql("insert into refresh_token (token_hash, family_id, issued_at, expires_at) "
					+ "values (:hash, :family, :now, :end)")
			.param("hash", Secrets.hash(refreshToken))
			.param("family", family)
			.param("now", Sql.timestamp(now))
			.param("end", Sql.timestamp(refreshEnd.isBefore(sessionEnd) ? refreshEnd : sessionEnd))
			.update();
		String accessToken = this.accessTokens.forUser(principal, family, this.properties.accessTokenTtl());
		return new TokenResponse(accessToken, refreshToken, "Bearer", this.properties.accessTokenTtl().toSeconds());
	}

	private @Nullable Principal principal(UUID userId) {
		return this.jdbc.sql("select id, role, tenant_id, partner_id from app_user where id = :id")
			.param("id", userId)
			.query((rs, n) -> new Principal(rs.getObject("id", UUID.class), rs.getString("role"),
					rs.getObject("tenant_id", UUID.class), rs.getObject("partner_id", UUID.class)))
			.optional()
			.orElse(null);
	}

	private static ApiException invalid() {
		return ApiException.unauthorized("invalid-refresh-token",
				"The refresh token is invalid, expired or already used; sign in again.");
	}

	private record Stored(UUID familyId, UUID userId, Instant expiresAt, boolean used, Instant sessionEnd,
			boolean revoked) {
	}

}
