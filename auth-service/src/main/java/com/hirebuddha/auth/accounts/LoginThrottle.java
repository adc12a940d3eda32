package com.hirebuddha.auth.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import com.hirebuddha.auth.Sql;
import com.hirebuddha.auth.AuthProperties;
import com.hirebuddha.commons.web.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts sign-in attempts per account and per client address in the database (so every
 * instance sees the same counts) and locks a key for a while once it has failed too often
 * within the window. A locked key answers 429 before the password is even checked.
 */
@Component
class LoginThrottle {

	private final JdbcClient jdbc;

	private final AuthProperties.Throttle settings;

	private final Clock clock;

	LoginThrottle(JdbcClient jdbc, AuthProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.settings = properties.throttle();
		this.clock = clock;
	}

	/**
	 * Counts a sign-in attempt before its password is checked, so of any number of
	 * parallel guesses only the allowance goes on to the (expensive) check; a locked or
	 * exhausted key answers 429. Attempts made while locked are not counted, so a lock
	 * ends when it says.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW, noRollbackFor = ApiException.class)
	public void attempt(String email, String address) {
		Instant now = this.clock.instant();
		Duration wait = Duration.ZERO;
		wait = max(wait, count(accountKey(email), this.settings.accountFailures(), now));
		wait = max(wait, count(addressKey(address), this.settings.addressFailures(), now));
		if (!wait.isZero()) {
			throw ApiException.tooManyRequests("login-throttled",
					"Too many failed sign-ins; try again later or reset your password.", wait);
		}
	}

	/**
	 * The attempt succeeded: the account starts afresh and the address gets its attempt
	 * back.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void succeeded(String email, String address) {
		this.jdbc.sql("delete from login_throttle where key = :key").param("key", accountKey(email)).update();
		this.jdbc.sql("update login_throttle set failures = greatest(failures - 1, 0) where key = :key")
			.param("key", addressKey(address))
			.update();
	}

	private Duration count(String key, int limit, Instant now) {
		Attempts attempts = this.jdbc.sql("""
				insert into login_throttle (key, failures, window_started_at) values (:key, 1, :now)
				on conflict (key) do update set
				  failures = case when login_throttle.locked_until > :now then login_throttle.failures
				                  when login_throttle.window_started_at < :windowStart then 1
				                  else login_throttle.failures + 1 end,
				  window_started_at = case when login_throttle.locked_until > :now then login_throttle.window_started_at
				                           when login_throttle.window_started_at < :windowStart then :now
				                           else login_throttle.window_started_at end
				returning failures, locked_until
				""")
			.param("key", key)
			.param("now", Sql.timestamp(now))
			.param("windowStart", Sql.timestamp(now.minus(this.settings.window())))
			.query((rs, n) -> new Attempts(rs.getInt("failures"), Sql.instant(rs, "locked_until")))
			.single();
		if (attempts.lockedUntil() != null && attempts.lockedUntil().isAfter(now)) {
			return Duration.between(now, attempts.lockedUntil());
		}
		if (attempts.count() <= limit) {
			return Duration.ZERO;
		}
		this.jdbc
			.sql("update login_throttle set locked_until = :until, failures = 0, window_started_at = :now "
					+ "where key = :key")
			.param("until", Sql.timestamp(now.plus(this.settings.lockout())))
			.param("now", Sql.timestamp(now))
			.param("key", key)
			.update();
		return this.settings.lockout();
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	private record Attempts(int count, @org.jspecify.annotations.Nullable Instant lockedUntil) {
	}

	private static String accountKey(String email) {
		return "account:" + email.strip().toLowerCase(Locale.ROOT);
	}

	private static String addressKey(String address) {
		return "address:" + address;
	}

}
