package com.hirebuddha.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import com.hirebuddha.gateway.GatewayProperties;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Swaps an API key for the auth service's short-lived access token, cached in Redis under
 * the key's prefix (shared by every gateway replica) for at most
 * {@code hb.gateway.api-key-cache-ttl}; a revocation on {@code auth.events} deletes the
 * entry, so a revoked key stops working within seconds. The cache holds a SHA-256 of the
 * key, never the key.
 */
@Component
public class ApiKeyExchange {

	/** Redis key of a cached exchange. */
	public static final String CACHE_PREFIX = "hb:apikey:";

	/**
	 * Redis key marking a prefix as revoked for a while, so an exchange that was already
	 * under way when the revocation arrived cannot put the key back into the cache.
	 */
	public static final String REVOKED_PREFIX = "hb:apikey-revoked:";

	/**
	 * Redis key of a key the auth service refused lately, by its fingerprint: asking
	 * again within the TTL would get the same answer.
	 */
	static final String REFUSED_PREFIX = "hb:apikey-refused:";

	/** Redis key of a prefix no live key has (unknown, revoked or expired). */
	static final String UNKNOWN_PREFIX = "hb:apikey-unknown-prefix:";

	/** How long a refusal is remembered. */
	static final Duration REFUSAL_TTL = Duration.ofSeconds(60);

	/**
	 * The longest the gateway waits for Redis on a request: Lettuce does not time out
	 * reactive commands by itself, and a request must never hang on its admission state.
	 */
	public static final Duration REDIS_TIMEOUT = Duration.ofSeconds(2);

	private static final Logger log = LoggerFactory.getLogger(ApiKeyExchange.class);

	private static final int PREFIX_LENGTH = 15;

	private final WebClient auth;

	private final ReactiveStringRedisTemplate redis;

	private final Duration cacheTtl;

	/** How long a revocation marker outlives any exchange that may still be under way. */
	public static Duration revocationMemory(Duration cacheTtl) {
		return cacheTtl.multipliedBy(2);
	}

	ApiKeyExchange(GatewayProperties properties, ReactiveStringRedisTemplate redis) {
		HttpClient http = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
			.responseTimeout(Duration.ofSeconds(5));
		this.auth = WebClient.builder()
			.baseUrl(properties.authUrl())
			.clientConnector(new ReactorClientHttpConnector(http))
			.build();
		this.redis = redis;
		this.cacheTtl = properties.apiKeyCacheTtl();
	}

	/**
	 * The access token an API key stands for. A key refused in the last minute, or one
	 * whose prefix no live key has, is refused again without asking the auth service.
	 * @param key the key as the client sent it
	 * @param gate asked before the auth service is: a wait other than zero refuses the
	 * request with {@link Throttled} instead
	 * @return the token, or {@link InvalidApiKey} when the key is not valid
	 */
	Mono<String> tokenFor(String key, Mono<Duration> gate) {
		if (key.length() <= PREFIX_LENGTH || key.length() > 100) {
			return Mono.error(new InvalidApiKey());
		}
		String prefix = key.substring(0, PREFIX_LENGTH);
		String cacheKey = CACHE_PREFIX + prefix;
		String fingerprint = sha256(key);
		return this.redis.opsForValue()
			.multiGet(List.of(cacheKey, REFUSED_PREFIX + fingerprint, UNKNOWN_PREFIX + prefix))
			.timeout(REDIS_TIMEOUT)
			.onErrorResume((ex) -> {
				log.warn("API-key cache unavailable, asking the auth service: {}", ex.getMessage());
				return Mono.just(java.util.Arrays.asList(null, null, null));
			})
			.flatMap((known) -> {
				String cached = known.get(0);
				if (cached != null && MessageDigest.isEqual(cached.substring(0, 64).getBytes(StandardCharsets.US_ASCII),
						fingerprint.getBytes(StandardCharsets.US_ASCII))) {
					return Mono.just(cached.substring(65));
				}
				if (known.get(1) != null || known.get(2) != null) {
					return Mono.error(new InvalidApiKey());
				}
				return gate.flatMap((wait) -> wait.isZero() ? exchange(key, cacheKey, fingerprint, prefix)
						: Mono.error(new Throttled(wait)));
			});
	}

	private Mono<String> exchange(String key, String cacheKey, String fingerprint, String prefix) {
		return this.auth.post()
			.uri("/internal/api-keys/exchange")
			.header("X-API-Key", key)
			.retrieve()
			.bodyToMono(Exchanged.class)
			.onErrorResume(WebClientResponseException.class,
					(ex) -> (ex.getStatusCode() == HttpStatus.UNAUTHORIZED
							|| ex.getStatusCode() == HttpStatus.BAD_REQUEST)
									? remember(ex, fingerprint, prefix).then(Mono.error(new InvalidApiKey()))
									: Mono.error(ex))
			.flatMap((exchanged) -> {
				Duration ttl = Duration.ofSeconds(Math.max(1, exchanged.expiresIn() - 30));
				Duration cached = (ttl.compareTo(this.cacheTtl) < 0) ? ttl : this.cacheTtl;
				String revoked = REVOKED_PREFIX + cacheKey.substring(CACHE_PREFIX.length());
				return this.redis.hasKey(revoked)
					.timeout(REDIS_TIMEOUT)
					.onErrorReturn(false)
					.flatMap((isRevoked) -> isRevoked ? Mono.<String>error(new InvalidApiKey())
							: this.redis.opsForValue()
								.set(cacheKey, fingerprint + " " + exchanged.accessToken(), cached)
								.timeout(REDIS_TIMEOUT)
								.onErrorResume((ex) -> Mono.just(false))
								.thenReturn(exchanged.accessToken()));
			});
	}

	// the auth service says whether no live key has the prefix at all; a wrong secret for
	// a real prefix is remembered by fingerprint only, so a stranger cannot lock a key
	// out
	private Mono<Boolean> remember(WebClientResponseException refusal, String fingerprint, String prefix) {
		boolean unknownPrefix = refusal.getResponseBodyAsString().contains("\"reason\":\"unknown-prefix\"");
		String marker = unknownPrefix ? UNKNOWN_PREFIX + prefix : REFUSED_PREFIX + fingerprint;
		return this.redis.opsForValue()
			.set(marker, "1", REFUSAL_TTL)
			.timeout(REDIS_TIMEOUT)
			.onErrorResume((ex) -> Mono.just(false));
	}

	private static String sha256(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Exchanged(String accessToken, long expiresIn) {
	}

	/**
	 * The client's address failed too often lately: the key is not checked now.
	 */
	static final class Throttled extends RuntimeException {

		private final Duration wait;

		Throttled(Duration wait) {
			super("too many failed credentials", null, false, false);
			this.wait = wait;
		}

		Duration waitFor() {
			return this.wait;
		}

	}

	/**
	 * The key is unknown, expired or revoked.
	 */
	static final class InvalidApiKey extends RuntimeException {

		InvalidApiKey() {
			super("invalid API key", null, false, false);
		}

	}

}
