package com.hirebuddha.gateway.security;

import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;

import com.hirebuddha.gateway.GatewayProperties;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * The access-token checks of RFC 8725, the gateway's twin of commons'
 * {@code AccessTokenValidators} (the gateway is reactive and cannot take the servlet
 * commons module; GatewaySecurityTests and the services' contract tests hold both to the
 * same forged-token list).
 */
final class AccessTokenChecks {

	static final Set<String> KINDS = Set.of("user", "api-key", "service");

	private AccessTokenChecks() {
	}

	static <C extends SecurityContext> JOSEObjectTypeVerifier<C> typeVerifier() {
		return new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt"));
	}

	static OAuth2TokenValidator<Jwt> claims(GatewayProperties properties) {
		return new DelegatingOAuth2TokenValidator<>(List.of(new JwtTimestampValidator(properties.clockSkew()),
				new JwtIssuerValidator(properties.issuer()),
				check((jwt) -> jwt.getExpiresAt() != null && jwt.getSubject() != null, "exp and sub are required"),
				check((jwt) -> jwt.getAudience() != null && jwt.getAudience().contains(properties.audience()),
						"the token is not meant for this API"),
				check((jwt) -> KINDS.contains(jwt.getClaimAsString("typ")), "the token is not an access token")));
	}

	private static OAuth2TokenValidator<Jwt> check(java.util.function.Predicate<Jwt> test, String description) {
		return (jwt) -> test.test(jwt) ? OAuth2TokenValidatorResult.success()
				: OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
	}

}
