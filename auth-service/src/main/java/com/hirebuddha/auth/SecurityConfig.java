package com.hirebuddha.auth;

import java.time.Clock;
import java.util.List;

import com.hirebuddha.auth.keys.SigningKeys;
import com.hirebuddha.commons.security.AccessTokenValidators;
import com.hirebuddha.commons.security.ResourceServerAutoConfiguration;
import com.hirebuddha.commons.security.TokenProperties;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The auth service validates its own tokens against its own keys (no HTTP round trip to
 * itself) with the same checks as every other service; the single-sign-on chain in
 * {@code sso} is ordered before this one.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	JwtDecoder jwtDecoder(SigningKeys keys, TokenProperties properties) {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(
				new JWSVerificationKeySelector<>(AccessTokenValidators.ALGORITHM, (selector, context) -> {
					List<JWK> found = selector.select(keys.publicKeys());
					return (found.isEmpty() && keys.reloadForUnknownKey()) ? selector.select(keys.publicKeys()) : found;
				}));
		processor.setJWSTypeVerifier(AccessTokenValidators.typeVerifier());
		// claims are checked by Spring's validators below, like everywhere else
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
		decoder.setJwtValidator(AccessTokenValidators.claims(properties));
		return decoder;
	}

	@Bean
	@Order(10)
	SecurityFilterChain apiFilterChain(HttpSecurity http, TokenProperties properties) throws Exception {
		return ResourceServerAutoConfiguration.apply(http, properties).build();
	}

}
