package com.hirebuddha.gateway.security;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import com.hirebuddha.gateway.GatewayProperties;
import com.hirebuddha.gateway.web.ForwardedHeadersFilter;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * A request whose credentials fail (a forged or expired token, an unknown API key, none
 * on a protected path) counts against its client address like a request without
 * credentials: the same bucket ({@code hb.gateway.anonymous-requests-per-minute}). Once
 * it is empty, further failures answer 429, and an API key the gateway does not know yet
 * is not even sent to the auth service: guessing costs the guesser, not the platform. If
 * Redis is down, failures pass uncounted (like admission).
 */
@Component
public class FailedCredentials {

	private static final Logger log = LoggerFactory.getLogger(FailedCredentials.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> TAKE = RedisScript.of(new ClassPathResource("scripts/admit.lua"),
			List.class);

	private static final RedisScript<Long> PEEK = RedisScript.of(new ClassPathResource("scripts/peek.lua"), Long.class);

	// the admission script's tenant, session and plan keys: none applies to an address
	private static final String NO_STATE = "hb:no-state";

	private final ReactiveStringRedisTemplate redis;

	private final String capacity;

	private final Counter refused;

	FailedCredentials(ReactiveStringRedisTemplate redis, GatewayProperties properties, MeterRegistry meters) {
		this.redis = redis;
		this.capacity = Integer.toString(properties.anonymousRequestsPerMinute());
		this.refused = Counter.builder("hb.gateway.credential.failures.limited")
			.description("Requests with failing credentials refused with 429 for their address")
			.register(meters);
	}

	/**
	 * Counts a failure of the request's credentials.
	 * @param exchange the request
	 * @return how long its address must wait, or {@link Duration#ZERO} when this failure
	 * still fit its budget (answer 401 then, 429 otherwise)
	 */
	@SuppressWarnings("unchecked")
	public Mono<Duration> charge(ServerWebExchange exchange) {
		String address = exchange.getAttribute(ForwardedHeadersFilter.CLIENT_ADDRESS);
		if (address == null) {
			return Mono.just(Duration.ZERO);
		}
		return this.redis.execute(TAKE, List.of(NO_STATE, NO_STATE, NO_STATE, bucket(address)), List.of(this.capacity))
			.next()
			.timeout(ApiKeyExchange.REDIS_TIMEOUT)
			.map((result) -> {
				List<Object> verdict = (List<Object>) result;
				boolean limited = ((Number) verdict.get(0)).intValue() == 3;
				return limited ? limited(Long.parseLong(verdict.get(3).toString())) : Duration.ZERO;
			})
			.onErrorResume((ex) -> {
				log.warn("credential failure not counted, Redis failed: {}", ex.getMessage());
				return Mono.just(Duration.ZERO);
			});
	}

	/**
	 * Whether the request's address has failed so often that new credentials are not
	 * worth checking now.
	 * @param exchange the request
	 * @return the wait, or {@link Duration#ZERO} when checking may go ahead
	 */
	public Mono<Duration> exhausted(ServerWebExchange exchange) {
		String address = exchange.getAttribute(ForwardedHeadersFilter.CLIENT_ADDRESS);
		if (address == null) {
			return Mono.just(Duration.ZERO);
		}
		return this.redis.execute(PEEK, List.of(bucket(address)), List.of(this.capacity))
			.next()
			.timeout(ApiKeyExchange.REDIS_TIMEOUT)
			.map((waitMs) -> (waitMs > 0) ? limited(waitMs) : Duration.ZERO)
			.onErrorResume((ex) -> Mono.just(Duration.ZERO));
	}

	private Duration limited(long waitMs) {
		this.refused.increment();
		return Duration.ofMillis(Math.max(1000, waitMs));
	}

	/**
	 * The per-address bucket that requests without credentials use too.
	 * @param address the client address
	 * @return its Redis key
	 */
	public static String bucket(String address) {
		return "hb:rate:address:" + address;
	}

}
