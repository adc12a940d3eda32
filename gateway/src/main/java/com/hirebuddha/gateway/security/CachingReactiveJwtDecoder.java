package com.hirebuddha.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Remembers tokens the gateway has verified, for at most a minute and never past their
 * expiry, so the same token on every request costs one ES256 check. Ended sessions are
 * still refused on every request: that check (admission) comes after decoding and reads
 * Redis each time.
 */
final class CachingReactiveJwtDecoder implements ReactiveJwtDecoder {

	private static final int MAX_ENTRIES = 20_000;

	private static final Duration MAX_AGE = Duration.ofMinutes(1);

	private final ReactiveJwtDecoder delegate;

	private final Clock clock;

	private final Map<String, Entry> verified = new ConcurrentHashMap<>();

	CachingReactiveJwtDecoder(ReactiveJwtDecoder delegate, Clock clock) {
		this.delegate = delegate;
		this.clock = clock;
	}

	@Override
	public Mono<Jwt> decode(String token) {
		Instant now = this.clock.instant();
		Entry entry = this.verified.get(token);
		if (entry != null) {
			if (now.isBefore(entry.validUntil())) {
				return Mono.just(entry.jwt());
			}
			this.verified.remove(token, entry);
		}
		return this.delegate.decode(token).doOnNext((jwt) -> remember(token, jwt, now));
	}

	private void remember(String token, Jwt jwt, Instant now) {
		Instant until = now.plus(MAX_AGE);
		if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(until)) {
			until = jwt.getExpiresAt();
		}
		if (this.verified.size() >= MAX_ENTRIES) {
			this.verified.clear();
		}
		this.verified.put(token, new Entry(jwt, until));
	}

	private record Entry(Jwt jwt, Instant validUntil) {
	}

}
