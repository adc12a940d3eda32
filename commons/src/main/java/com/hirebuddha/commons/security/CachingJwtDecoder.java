package com.hirebuddha.commons.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Remembers tokens it has verified, for at most a minute and never past their expiry, so
 * a client sending the same token on every request pays for one ES256 signature check and
 * not one per request. Only tokens that passed every check are remembered; a key
 * withdrawn from the JWKS stops its tokens here within the minute.
 */
final class CachingJwtDecoder implements JwtDecoder {

	private static final int MAX_ENTRIES = 10_000;

	private static final Duration MAX_AGE = Duration.ofMinutes(1);

	private final JwtDecoder delegate;

	private final Clock clock;

	private final Map<String, Entry> verified = new ConcurrentHashMap<>();

	CachingJwtDecoder(JwtDecoder delegate, Clock clock) {
		this.delegate = delegate;
		this.clock = clock;
	}

	@Override
	public Jwt decode(String token) {
		Instant now = this.clock.instant();
		Entry entry = this.verified.get(token);
		if (entry != null) {
			if (now.isBefore(entry.validUntil())) {
				return entry.jwt();
			}
			this.verified.remove(token, entry);
		}
		Jwt jwt = this.delegate.decode(token);
		Instant until = now.plus(MAX_AGE);
		if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(until)) {
			until = jwt.getExpiresAt();
		}
		if (this.verified.size() >= MAX_ENTRIES) {
			this.verified.clear();
		}
		this.verified.put(token, new Entry(jwt, until));
		return jwt;
	}

	private record Entry(Jwt jwt, Instant validUntil) {
	}

}
