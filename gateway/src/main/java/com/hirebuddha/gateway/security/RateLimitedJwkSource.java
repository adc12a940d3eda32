package com.hirebuddha.gateway.security;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * The auth service's signing keys, fetched at most once per {@code refreshInterval} when
 * a token names a key the gateway does not know. Spring's own reactive source fetches the
 * key set again for every such token, so forged tokens with random {@code kid}s could
 * make the gateway hammer the auth service; here they cost nothing after the first. A key
 * rotated in is still accepted within the interval; the whole set is also refreshed every
 * {@code ttl}, and kept as it was if the auth service cannot be reached. One fetch at a
 * time, shared by every request that waits for it.
 */
final class RateLimitedJwkSource implements Function<SignedJWT, Flux<JWK>> {

	private static final Logger log = LoggerFactory.getLogger(RateLimitedJwkSource.class);

	private final WebClient http;

	private final String uri;

	private final Duration refreshInterval;

	private final Duration ttl;

	private final Clock clock;

	private final Counter fetches;

	private final AtomicReference<@Nullable Snapshot> current = new AtomicReference<>();

	private final AtomicReference<@Nullable Mono<Snapshot>> inFlight = new AtomicReference<>();

	private volatile Instant lastAttempt = Instant.EPOCH;

	RateLimitedJwkSource(WebClient http, String uri, Duration refreshInterval, Duration ttl, Clock clock,
			MeterRegistry meters) {
		this.http = http;
		this.uri = uri;
		this.refreshInterval = refreshInterval;
		this.ttl = ttl;
		this.clock = clock;
		this.fetches = Counter.builder("hb.gateway.jwks.fetches")
			.description("Fetches of the auth service's key set")
			.register(meters);
	}

	@Override
	public Flux<JWK> apply(SignedJWT jwt) {
		String kid = jwt.getHeader().getKeyID();
		Snapshot known = this.current.get();
		Instant now = this.clock.instant();
		// one rule for every fetch, whatever asks for it: not sooner than the interval
		boolean mayFetch = !now.isBefore(this.lastAttempt.plus(this.refreshInterval));
		if (known != null && (kid == null || known.has(kid))) {
			if (!known.fresh(now, this.ttl) && mayFetch) {
				// stale but usable: refreshed in the background, nobody waits for it
				refresh(now).subscribe((fetched) -> {
				}, (ex) -> {
				});
			}
			return Flux.fromIterable(known.keys());
		}
		if (!mayFetch) {
			// an unknown key shortly after the last fetch: a forgery, or a key that will
			// be known at the next fetch; either way, not a reason to ask again now
			return (known != null) ? Flux.fromIterable(known.keys()) : Flux.empty();
		}
		return refresh(now).flatMapIterable(Snapshot::keys);
	}

	private Mono<Snapshot> refresh(Instant now) {
		Mono<Snapshot> fetch = this.inFlight.get();
		if (fetch != null) {
			return fetch;
		}
		this.lastAttempt = now;
		Mono<Snapshot> started = this.http.get()
			.uri(this.uri)
			.retrieve()
			.bodyToMono(String.class)
			.map((body) -> new Snapshot(parse(body), this.clock.instant()))
			.doOnSubscribe((subscription) -> this.fetches.increment())
			.doOnNext(this.current::set)
			.onErrorResume((ex) -> {
				log.warn("could not fetch the signing keys, keeping the ones known: {}", ex.toString());
				Snapshot kept = this.current.get();
				return (kept != null) ? Mono.just(kept) : Mono.error(ex);
			})
			.doFinally((signal) -> this.inFlight.set(null))
			.cache();
		return this.inFlight.compareAndSet(null, started) ? started : refresh(now);
	}

	private static List<JWK> parse(String body) {
		try {
			return JWKSet.parse(body).getKeys();
		}
		catch (ParseException ex) {
			throw new IllegalStateException("the auth service's key set is not a JWK set", ex);
		}
	}

	private record Snapshot(List<JWK> keys, Instant fetchedAt) {

		boolean fresh(Instant now, Duration ttl) {
			return now.isBefore(this.fetchedAt.plus(ttl));
		}

		boolean has(String kid) {
			return this.keys.stream().anyMatch((key) -> kid.equals(key.getKeyID()));
		}

	}

}
