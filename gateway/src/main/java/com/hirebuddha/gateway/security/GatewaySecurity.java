package com.hirebuddha.gateway.security;

import java.time.Duration;

import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import com.hirebuddha.gateway.GatewayProperties;
import com.hirebuddha.gateway.web.Problems;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.reactive.function.client.WebClient;

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

	/** The console's policy: same-origin everything, no framing, no inline scripts. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; "
			+ "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

	@Bean
	ReactiveJwtDecoder jwtDecoder(GatewayProperties properties) {
		HttpClient http = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
			.responseTimeout(Duration.ofSeconds(5));
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri())
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.webClient(WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build())
			.jwtProcessorCustomizer((processor) -> processor.setJWSTypeVerifier(AccessTokenChecks.typeVerifier()))
			.build();
		decoder.setJwtValidator(AccessTokenChecks.claims(properties));
		return new CachingReactiveJwtDecoder(decoder, java.time.Clock.systemUTC());
	}

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, GatewayProperties properties) {
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
				.authenticationEntryPoint((exchange, ex) -> unauthorized(exchange))
				.accessDeniedHandler((exchange, ex) -> Problems.write(exchange, HttpStatus.FORBIDDEN, "forbidden",
						"Your role does not allow this request.")))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint((exchange, ex) -> unauthorized(exchange)))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(
						(referrer) -> referrer.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER))
				.permissionsPolicy((permissions) -> permissions.policy("camera=(), microphone=(), geolocation=()")))
			.build();
	}

	private static Mono<Void> unauthorized(org.springframework.web.server.ServerWebExchange exchange) {
		boolean tokenSent = exchange.getRequest().getHeaders().containsHeader("Authorization");
		exchange.getResponse()
			.getHeaders()
			.set("WWW-Authenticate", tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer");
		return Problems.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized",
				tokenSent ? "The access token is invalid, expired or not meant for this API."
						: "Sign in or send an API key: this endpoint needs credentials.");
	}

}
