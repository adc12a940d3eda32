package com.hirebuddha.auth.accounts;

import com.hirebuddha.auth.Sql;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import com.hirebuddha.auth.AuthProperties;
import com.hirebuddha.commons.web.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts failed sign-ins per account and per client address in the database (so every
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

	void checkAllowed(String email, String address) {
		Instant now = this.clock.instant();
		for (String key : new String[] { accountKey(email), addressKey(address) }) {
			Instant lockedUntil = this.jdbc.sql("select locked_until from login_throttle where key = :key")
				.param("key", key)
				.query((rs, n) -> Sql.instant(rs, "locked_until"))
				.optional()
				.orElse(null);
			if (lockedUntil != null && lockedUntil.isAfter(now)) {
				throw ApiException.tooManyRequests("login-throttled",
						"Too many failed sign-ins; try again later or reset your password.",
						Duration.between(now, lockedUntil));
			}
		}
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void failed(String email, String address) {
		count(accountKey(email), this.settings.accountFailures());
		count(addressKey(address), this.settings.addressFailures());
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void succeeded(String email) {
		this.jdbc.sql("delete from login_throttle where key = :key").param("key", accountKey(email)).update();
	}

	private void count(String key, int limit) {
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				insert into login_throttle (key, failures, window_started_at) values (:key, 1, :now)
				on conflict (key) do update set
				  failures = case when login_throttle.window_started_at < :windowStart then 1
				                  else login_throttle.failures + 1 end,
				  window_started_at = case when login_throttle.window_started_at < :windowStart then :now
				                           else login_throttle.window_started_at end
				""")
			.param("key", key)
			.param("now", Sql.timestamp(now))
			.param("windowStart", Sql.timestamp(now.minus(this.settings.window())))
			.update();
		this.jdbc
			.sql("update login_throttle set locked_until = :until, failures = 0, window_started_at = :now "
					+ "where key = :key and failures >= :limit")
			.param("until", Sql.timestamp(now.plus(this.settings.lockout())))
			.param("now", Sql.timestamp(now))
			.param("key", key)
			.param("limit", limit)
			.update();
	}

	private static String accountKey(String email) {
		return "account:" + email.strip().toLowerCase(Locale.ROOT);
	}

	private static String addressKey(String address) {
		return "address:" + address;
	}

}
