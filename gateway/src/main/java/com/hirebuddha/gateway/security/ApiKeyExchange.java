package com.hirebuddha.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

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
	 * The access token an API key stands for.
	 * @param key the key as the client sent it
	 * @return the token, or {@link InvalidApiKey} when the key is not valid
	 */
	Mono<String> tokenFor(String key) {
		if (key.length() <= PREFIX_LENGTH || key.length() > 100) {
			return Mono.error(new InvalidApiKey());
		}
		String cacheKey = CACHE_PREFIX + key.substring(0, PREFIX_LENGTH);
		String fingerprint = sha256(key);
		return this.redis.opsForValue().get(cacheKey).timeout(REDIS_TIMEOUT).onErrorResume((ex) -> {
			log.warn("API-key cache unavailable, asking the auth service: {}", ex.getMessage());
			return Mono.empty();
		})
			.filter((cached) -> MessageDigest.isEqual(cached.substring(0, 64).getBytes(StandardCharsets.US_ASCII),
					fingerprint.getBytes(StandardCharsets.US_ASCII)))
			.map((cached) -> cached.substring(65))
			.switchIfEmpty(Mono.defer(() -> exchange(key, cacheKey, fingerprint)));
	}

	private Mono<String> exchange(String key, String cacheKey, String fingerprint) {
		return this.auth.post()
			.uri("/internal/api-keys/exchange")
			.header("X-API-Key", key)
			.retrieve()
			.bodyToMono(Exchanged.class)
			.onErrorMap(WebClientResponseException.class,
					(ex) -> (ex.getStatusCode() == HttpStatus.UNAUTHORIZED
							|| ex.getStatusCode() == HttpStatus.BAD_REQUEST) ? new InvalidApiKey() : ex)
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
	 * The key is unknown, expired or revoked.
	 */
	static final class InvalidApiKey extends RuntimeException {

		InvalidApiKey() {
			super("invalid API key", null, false, false);
		}

	}

}
