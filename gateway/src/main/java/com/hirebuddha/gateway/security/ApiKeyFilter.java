package com.hirebuddha.gateway.security;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import com.hirebuddha.gateway.web.Problems;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Turns {@code X-API-Key} into {@code Authorization: Bearer <access token>} before the
 * security chain runs, so services only ever see one token format and never the key.
 */
@Component
class ApiKeyFilter implements WebFilter, Ordered {

	static final String HEADER = "X-API-Key";

	private static final Logger log = LoggerFactory.getLogger(ApiKeyFilter.class);

	private final ApiKeyExchange keys;

	private final FailedCredentials failures;

	ApiKeyFilter(ApiKeyExchange keys, FailedCredentials failures) {
		this.keys = keys;
		this.failures = failures;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String key = exchange.getRequest().getHeaders().getFirst(HEADER);
		if (key == null) {
			return chain.filter(exchange);
		}
		if (exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
			return Problems.write(exchange, HttpStatus.BAD_REQUEST, "ambiguous-credentials",
					"Send either an API key or a bearer token, not both.");
		}
		// the exchange's failures are answered here; the chain's own errors pass on
		// untouched
		return this.keys.tokenFor(key.strip(), this.failures.exhausted(exchange))
			.map((token) -> new Resolution(Outcome.ADMITTED, token, Duration.ZERO))
			.onErrorResume(ApiKeyExchange.InvalidApiKey.class,
					(ex) -> this.failures.charge(exchange)
						.map((wait) -> wait.isZero() ? new Resolution(Outcome.INVALID, "", wait)
								: new Resolution(Outcome.THROTTLED, "", wait)))
			.onErrorResume(ApiKeyExchange.Throttled.class,
					(ex) -> Mono.just(new Resolution(Outcome.THROTTLED, "", ex.waitFor())))
			.onErrorResume((ex) -> {
				log.warn("API-key exchange failed: {}", ex.getMessage());
				return Mono.just(new Resolution(Outcome.UNAVAILABLE, "", Duration.ZERO));
			})
			.flatMap((resolution) -> switch (resolution.outcome()) {
				case INVALID -> {
					exchange.getResponse().getHeaders().set("WWW-Authenticate", "ApiKey");
					yield Problems.write(exchange, HttpStatus.UNAUTHORIZED, "invalid-api-key",
							"The API key is invalid, expired or revoked.");
				}
				case THROTTLED -> Problems.rateLimited(exchange, resolution.retryAfter(),
						"Too many requests with failing credentials from this address; retry after Retry-After.");
				case UNAVAILABLE -> Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
						"API keys cannot be checked right now; try again shortly.");
				case ADMITTED ->
					chain.filter(exchange.mutate().request(exchange.getRequest().mutate().headers((headers) -> {
						headers.remove(HEADER);
						headers.setBearerAuth(resolution.bearer());
					}).build()).build());
			});
	}

	private enum Outcome {

		ADMITTED, INVALID, THROTTLED, UNAVAILABLE

	}

	private record Resolution(Outcome outcome, String bearer, Duration retryAfter) {
	}

	@Override
	public int getOrder() {
		// after the request id, before Spring Security's chain (-100)
		return -200;
	}

}
