package com.hirebuddha.auth.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.hirebuddha.auth.Sql;
import com.hirebuddha.auth.AuthProperties;
import com.hirebuddha.auth.Secrets;
import com.hirebuddha.auth.sessions.Sessions;
import com.hirebuddha.commons.events.EventPublisher;
import com.hirebuddha.commons.web.ApiException;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Single-use, expiring tokens sent by email: email verification and password reset. Only
 * their SHA-256 is stored; using one is a conditional update, so it works exactly once.
 */
@Service
class EmailTokens {

	private static final String VERIFY = "VERIFY_EMAIL";

	private static final String RESET = "RESET_PASSWORD";

	private final JdbcClient jdbc;

	private final EventPublisher events;

	private final Users users;

	private final Passwords passwords;

	private final PasswordPolicy policy;

	private final Sessions sessions;

	private final AuthProperties properties;

	private final Clock clock;

	EmailTokens(JdbcClient jdbc, EventPublisher events, Users users, Passwords passwords, PasswordPolicy policy,
			Sessions sessions, AuthProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.users = users;
		this.passwords = passwords;
		this.policy = policy;
		this.sessions = sessions;
		this.properties = properties;
		this.clock = clock;
	}

	@Transactional
	void requestVerification(UUID userId, String email, String name, @Nullable UUID tenantId) {
		issue(userId, tenantId, email, name, VERIFY, EmailTokenIssued.VERIFY_EMAIL, "verify-email",
				this.properties.verificationTtl());
	}

	@Transactional
	void verify(String token) {
		this.users.markVerified(consume(token, VERIFY));
	}

	/**
	 * Sends a reset link if the account exists; says nothing either way, so the endpoint
	 * cannot be used to find out which emails have accounts.
	 */
	@Transactional
	void requestReset(String email) {
		this.users.findByEmail(email)
			.ifPresent((user) -> issue(user.id(), user.tenantId(), user.email(), user.name(), RESET,
					EmailTokenIssued.RESET_PASSWORD, "reset-password", this.properties.resetTtl()));
	}

	@Transactional
	void reset(String token, String newPassword) {
		UUID userId = peek(token, RESET);
		Users.StoredUser user = this.users.findById(userId).orElseThrow(EmailTokens::invalid);
		this.policy.check(newPassword, user.email());
		consume(token, RESET);
		this.users.setPassword(userId, this.passwords.hash(newPassword));
		// a reset link proves the mailbox, too
		this.users.markVerified(userId);
		this.sessions.endAll(userId, "password-reset");
	}

	private void issue(UUID userId, @Nullable UUID tenantId, String email, String name, String purpose,
			String eventType, String page, Duration ttl) {
		Instant now = this.clock.instant();
		String token = Secrets.generate("hbt_");
		this.jdbc
			.sql("insert into one_time_token (token_hash, purpose, user_id, created_at, expires_at) "
					+ "values (:hash, :purpose, :user, :now, :end)")
			.param("hash", Secrets.hash(token))
			.param("purpose", purpose)
			.param("user", userId)
			.param("now", Sql.timestamp(now))
			.param("end", Sql.timestamp(now.plus(ttl)))
			.update();
		String link = this.properties.publicUrl() + "/?" + page + "=" + token;
		this.events
			.publish(new EmailTokenIssued(userId, tenantId, email, name, link, now.plus(ttl), eventType, userId));
	}

	private UUID peek(String token, String purpose) {
		return this.jdbc
			.sql("select user_id from one_time_token where token_hash = :hash and purpose = :purpose "
					+ "and used_at is null and expires_at > :now")
			.param("hash", Secrets.hash(token))
			.param("purpose", purpose)
			.param("now", Sql.timestamp(this.clock.instant()))
			.query(UUID.class)
			.optional()
			.orElseThrow(EmailTokens::invalid);
	}

	private UUID consume(String token, String purpose) {
		return this.jdbc
			.sql("update one_time_token set used_at = :now where token_hash = :hash and purpose = :purpose "
					+ "and used_at is null and expires_at > :now returning user_id")
			.param("hash", Secrets.hash(token))
			.param("purpose", purpose)
			.param("now", Sql.timestamp(this.clock.instant()))
			.query(UUID.class)
			.optional()
			.orElseThrow(EmailTokens::invalid);
	}

	private static ApiException invalid() {
		return ApiException.invalid("invalid-token", "This link is invalid, expired or already used.");
	}

}
