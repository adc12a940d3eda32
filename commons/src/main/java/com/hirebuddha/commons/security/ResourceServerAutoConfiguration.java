package com.hirebuddha.commons.security;

import java.time.Duration;
import java.util.List;

import com.hirebuddha.commons.web.ServletProblems;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Makes a service a stateless OAuth 2.0 resource server: every request but health,
 * metrics scrape and the service's own public paths needs a valid access token; roles
 * come from its {@code roles} claim; failures answer problem details.
 */
@AutoConfiguration
@EnableWebSecurity
@EnableMethodSecurity
@EnableConfigurationProperties(TokenProperties.class)
public class ResourceServerAutoConfiguration {

	/** Reachable without a token in every service: probes and the Prometheus scrape. */
	static final List<String> ALWAYS_PUBLIC = List.of("/actuator/health", "/actuator/health/**", "/actuator/info",
			"/actuator/prometheus", "/error");

	@Bean
	@ConditionalOnMissingBean
	JwtDecoder jwtDecoder(TokenProperties properties) {
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(Duration.ofSeconds(2));
		requests.setReadTimeout(Duration.ofSeconds(5));
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri())
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.restOperations(new RestTemplate(requests))
			.jwtProcessorCustomizer(ResourceServerAutoConfiguration::acceptOnlyAccessTokens)
			.build();
		decoder.setJwtValidator(AccessTokenValidators.claims(properties));
		return new CachingJwtDecoder(decoder, java.time.Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	SecurityFilterChain resourceServerFilterChain(HttpSecurity http, TokenProperties properties) throws Exception {
		return ResourceServerAutoConfiguration.apply(http, properties).build();
	}

	/**
	 * The firewall's refusals (a path with an encoded slash, a header with control
	 * characters) answer 400 problem+json like every other client mistake, not 500.
	 * @return the handler Spring Security's filter chain uses
	 */
	@Bean
	RequestRejectedHandler requestRejectedHandler() {
		return (request, response, ex) -> ServletProblems.write(request, response, HttpStatus.BAD_REQUEST,
				"bad-request", "Bad Request", ServletProblems.REJECTED);
	}

	@Bean
	WebMvcConfigurer callerArguments() {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new CallerArgumentResolver());
			}
		};
	}

	/**
	 * The resource-server rules on a filter chain, for services that build their own
	 * chain (the auth service adds single sign-on in front of it).
	 * @param http the chain under construction
	 * @param properties the token settings and public paths
	 * @return the same builder
	 */
	public static HttpSecurity apply(HttpSecurity http, TokenProperties properties) throws Exception {
		ProblemResponses problems = new ProblemResponses();
		JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
		roles.setAuthoritiesClaimName(TokenClaims.ROLES);
		roles.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
		authentication.setJwtGrantedAuthoritiesConverter(roles);
		return http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(ALWAYS_PUBLIC.toArray(String[]::new))
				.permitAll()
				.requestMatchers(properties.publicPaths().toArray(String[]::new))
				.permitAll()
				.requestMatchers("/actuator/**")
				.hasRole(Roles.PLATFORM_ADMIN)
				.anyRequest()
				.authenticated())
			.oauth2ResourceServer((server) -> server.jwt((jwt) -> jwt.jwtAuthenticationConverter(authentication))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
	}

	private static void acceptOnlyAccessTokens(ConfigurableJWTProcessor<SecurityContext> processor) {
		processor.setJWSTypeVerifier(AccessTokenValidators.typeVerifier());
	}

}
