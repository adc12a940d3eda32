package com.hirebuddha.gateway.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import com.hirebuddha.gateway.GatewayProperties;
import com.hirebuddha.gateway.security.ApiKeyExchange;
import com.hirebuddha.gateway.security.FailedCredentials;
import com.hirebuddha.gateway.web.ForwardedHeadersFilter;
import com.hirebuddha.gateway.web.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Admits an authenticated request or answers for it: 403 for a tenant that is not active,
 * 401 for a session that was ended, 429 with {@code Retry-After} over a rate limit; every
 * admitted answer carries {@code RateLimit-Limit}, {@code RateLimit-Remaining} and
 * {@code RateLimit-Reset}. Requests without credentials are limited per client address.
 * If Redis is down, requests pass unchecked (limits, suspension and ended sessions
 * alike), {@code hb_gateway_admission_errors_total} counts them, and readiness shows
 * Redis DOWN so an orchestrator stops routing to the replica.
 */
@Component
class AdmissionFilter implements WebFilter, Ordered {

	static final String TENANT_STATUS = "hb:tenant-status:";

	static final String REVOKED_SESSION = "hb:revoked-session:";

	/**
	 * A partner that is not active: its admins' tokens and keys are refused like a
	 * tenant's.
	 */
	static final String PARTNER_STATUS = "hb:partner-status:";

	/** A tenant's plan limit of requests per minute, when its plan sets one. */
	static final String TENANT_LIMIT = "hb:tenant-limit:";

	private static final Logger log = LoggerFactory.getLogger(AdmissionFilter.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> ADMIT = RedisScript.of(new ClassPathResource("scripts/admit.lua"),
			List.class);

	private final ReactiveStringRedisTemplate redis;

	private final int tenantPerMinute;

	private final int anonymousPerMinute;

	private final Counter errors;

	AdmissionFilter(ReactiveStringRedisTemplate redis, GatewayProperties properties, MeterRegistry meters) {
		this.redis = redis;
		this.tenantPerMinute = properties.tenantRequestsPerMinute();
		this.anonymousPerMinute = properties.anonymousRequestsPerMinute();
		this.errors = Counter.builder("hb.gateway.admission.errors")
			.description("requests admitted without a policy check because Redis failed")
			.register(meters);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return ReactiveSecurityContextHolder.getContext()
			.flatMap((context) -> Mono.justOrEmpty(context.getAuthentication()))
			.filter(JwtAuthenticationToken.class::isInstance)
			.map((authentication) -> Optional.of(((JwtAuthenticationToken) authentication).getToken()))
			.defaultIfEmpty(Optional.empty())
			.flatMap((jwt) -> jwt.isPresent() ? admit(jwt.get()).flatMap((verdict) -> answer(exchange, chain, verdict))
					: admitAnonymous(exchange, chain));
	}

	/**
	 * Sign-in, sign-up and password resets have no tenant to count against: they are
	 * limited per client address instead, so nobody floods mailboxes or guesses from one
	 * address.
	 */
	private Mono<Void> admitAnonymous(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().value();
		String address = exchange.getAttribute(ForwardedHeadersFilter.CLIENT_ADDRESS);
		if (!path.startsWith("/api/") || address == null) {
			return chain.filter(exchange);
		}
		return check(List.of(TENANT_STATUS + "-", REVOKED_SESSION + "-", TENANT_LIMIT + "-",
				FailedCredentials.bucket(address)), List.of(Integer.toString(this.anonymousPerMinute)))
			.flatMap((verdict) -> answer(exchange, chain, verdict));
	}

	private Mono<Verdict> admit(Jwt jwt) {
		String tenant = jwt.getClaimAsString("tid");
		String session = jwt.getClaimAsString("sid");
		String partner = jwt.getClaimAsString("pid");
		String status = (tenant != null) ? TENANT_STATUS + tenant
				: (partner != null) ? PARTNER_STATUS + partner : TENANT_STATUS + "-";
		List<String> keys = new ArrayList<>(List.of(status, REVOKED_SESSION + ((session != null) ? session : "-"),
				TENANT_LIMIT + ((tenant != null) ? tenant : "-"),
				"hb:rate:" + ((tenant != null) ? "tenant:" + tenant : "user:" + jwt.getSubject())));
		List<String> capacities = new ArrayList<>(List.of(Integer.toString(this.tenantPerMinute)));
		Object keyLimit = jwt.getClaim("rlm");
		String apiKey = jwt.getClaimAsString("akid");
		if (apiKey != null && keyLimit instanceof Number limit) {
			keys.add("hb:rate:key:" + apiKey);
			capacities.add(Integer.toString(limit.intValue()));
		}
		return check(keys, capacities);
	}

	@SuppressWarnings("unchecked")
	private Mono<Verdict> check(List<String> keys, List<String> capacities) {
		return this.redis.execute(ADMIT, keys, capacities)
			.next()
			// Lettuce does not time out reactive commands by itself
			.timeout(ApiKeyExchange.REDIS_TIMEOUT)
			.map((result) -> Verdict.of((List<Object>) result))
			.onErrorResume((ex) -> {
				this.errors.increment();
				log.warn("admission check skipped, Redis failed: {}", ex.getMessage());
				return Mono.just(Verdict.UNCHECKED);
			});
	}

	private Mono<Void> answer(ServerWebExchange exchange, WebFilterChain chain, Verdict verdict) {
		HttpHeaders headers = exchange.getResponse().getHeaders();
		if (verdict.limit() > 0) {
			headers.set("RateLimit-Limit", Long.toString(verdict.limit()));
			headers.set("RateLimit-Remaining", Long.toString(Math.max(0, verdict.remaining())));
			headers.set("RateLimit-Reset", Long.toString(verdict.resetSeconds()));
		}
		return switch (verdict.code()) {
			case 1 -> Problems.write(exchange, HttpStatus.FORBIDDEN, "tenant-suspended",
					"This organization is " + verdict.status().toLowerCase(java.util.Locale.ROOT)
							+ "; its requests are refused until it is reactivated.");
			case 2 -> {
				headers.set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
				yield Problems.write(exchange, HttpStatus.UNAUTHORIZED, "session-revoked",
						"This session was ended; sign in again.");
			}
			case 3 -> {
				headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (verdict.retryAfterMs() + 999) / 1000)));
				yield Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
						"Too many requests; slow down and retry after the time in Retry-After.");
			}
			default -> chain.filter(exchange);
		};
	}

	@Override
	public int getOrder() {
		// after Spring Security's chain (-100), which has put the validated token in
		// context
		return 0;
	}

	private record Verdict(int code, long remaining, long limit, long retryAfterMs, long resetSeconds, String status) {

		static final Verdict UNCHECKED = new Verdict(0, 0, 0, 0, 0, "");

		static Verdict of(List<Object> result) {
			return new Verdict(((Number) result.get(0)).intValue(), Long.parseLong(result.get(1).toString()),
					Long.parseLong(result.get(2).toString()), Long.parseLong(result.get(3).toString()),
					Long.parseLong(result.get(4).toString()), result.get(5).toString());
		}

	}

}
