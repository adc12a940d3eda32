package com.hirebuddha.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import com.hirebuddha.gateway.GatewayProperties;
import com.hirebuddha.gateway.web.Problems;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who may pass: everything under {@code /api} and {@code /v1} needs a valid access token
 * (an API key has been swapped for one by {@link ApiKeyFilter} already), except the
 * public auth endpoints; the console, JWKS, single sign-on and probes are open.
 * Stateless: no session, no CSRF surface (credentials travel in headers, never in
 * cookies).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class GatewaySecurity {

	/** The methods the gateway routes; anything else (TRACE, CONNECT…) is 405. */
	static final Set<HttpMethod> METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
			HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);

	@Bean
	ReactiveJwtDecoder jwtDecoder(GatewayProperties properties, MeterRegistry meters) {
		HttpClient http = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
			.responseTimeout(Duration.ofSeconds(5));
		RateLimitedJwkSource keys = new RateLimitedJwkSource(
				WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build(),
				properties.jwkSetUri(), properties.jwksRefreshInterval(), properties.jwksCacheTtl(), Clock.systemUTC(),
				meters);
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(keys)
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.jwtProcessorCustomizer((processor) -> processor.setJWSTypeVerifier(AccessTokenChecks.typeVerifier()))
			.build();
		decoder.setJwtValidator(AccessTokenChecks.claims(properties));
		return new CachingReactiveJwtDecoder(decoder, Clock.systemUTC());
	}

	/**
	 * What Spring Security's firewall refuses (a method the gateway does not route, an
	 * encoded slash or dot segment, a header it will not read) is answered as
	 * problem+json like every other refusal, instead of an empty 400.
	 * @return the handler the security filter chain uses
	 */
	@Bean
	ServerExchangeRejectedHandler exchangeRejectedHandler() {
		return (exchange, ex) -> {
			if (!METHODS.contains(exchange.getRequest().getMethod())) {
				exchange.getResponse()
					.getHeaders()
					.set(HttpHeaders.ALLOW, "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
				return Problems.write(exchange, HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
						"The gateway does not accept this HTTP method.");
			}
			return Problems.write(exchange, HttpStatus.BAD_REQUEST, "bad-request",
					"The request has a path or header the gateway does not accept: an encoded slash, backslash, "
							+ "semicolon, percent or dot segment, or a control character.");
		};
	}

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, GatewayProperties properties,
			FailedCredentials failures) {
		ServerWebExchangeMatcher open = ServerWebExchangeMatchers
			.pathMatchers(properties.publicPaths().toArray(String[]::new));
		ServerBearerTokenAuthenticationConverter bearer = new ServerBearerTokenAuthenticationConverter();
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(HttpMethod.OPTIONS)
				.permitAll()
				.matchers(open)
				.permitAll()
				.matchers(new PathPatternParserServerWebExchangeMatcher("/api/**"),
						new PathPatternParserServerWebExchangeMatcher("/v1/**"))
				.authenticated()
				.anyExchange()
				.permitAll())
			.oauth2ResourceServer((server) -> server.jwt((jwt) -> {
			})
				// a stale token sent to an open path (sign-in, probes) is ignored, not
				// refused
				.bearerTokenConverter((exchange) -> open.matches(exchange)
					.flatMap((match) -> match.isMatch() ? Mono.empty() : bearer.convert(exchange)))
				.authenticationEntryPoint((exchange, ex) -> unauthorized(exchange, failures))
				.accessDeniedHandler((exchange, ex) -> Problems.write(exchange, HttpStatus.FORBIDDEN, "forbidden",
						"Your role does not allow this request.")))
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint((exchange, ex) -> unauthorized(exchange, failures)))
			// every answer gets them from SecurityHeadersFilter, even those sent before
			// this chain runs
			.headers(ServerHttpSecurity.HeaderSpec::disable)
			.build();
	}

	// a failure counts against the client's address; past its budget, the answer is 429
	private static Mono<Void> unauthorized(ServerWebExchange exchange, FailedCredentials failures) {
		return failures.charge(exchange).flatMap((wait) -> {
			if (!wait.isZero()) {
				return Problems.rateLimited(exchange, wait,
						"Too many requests with failing credentials from this address; retry after Retry-After.");
			}
			boolean tokenSent = exchange.getRequest().getHeaders().containsHeader("Authorization");
			exchange.getResponse()
				.getHeaders()
				.set("WWW-Authenticate", tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer");
			return Problems.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized",
					tokenSent ? "The access token is invalid, expired or not meant for this API."
							: "Sign in or send an API key: this endpoint needs credentials.");
		});
	}

}
