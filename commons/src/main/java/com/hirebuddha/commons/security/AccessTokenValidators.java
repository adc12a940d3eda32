package com.hirebuddha.commons.security;

import java.util.List;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * The checks every access token passes, in every service and the gateway (RFC 8725):
 * ES256 only, {@code typ: at+jwt}, our issuer and audience, a live lifetime, a known
 * kind.
 */
public final class AccessTokenValidators {

	/** The only signature algorithm accepted. */
	public static final JWSAlgorithm ALGORITHM = JWSAlgorithm.ES256;

	private AccessTokenValidators() {
	}

	/**
	 * Accepts only {@code typ: at+jwt} headers, so an ID token or another JWT of ours can
	 * never pass as an access token.
	 * @return the header type verifier
	 */
	public static JOSEObjectTypeVerifier<SecurityContext> typeVerifier() {
		return new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType(TokenClaims.HEADER_TYPE));
	}

	/**
	 * The claim checks.
	 * @param properties issuer, audience and clock skew
	 * @return the validator
	 */
	public static OAuth2TokenValidator<Jwt> claims(TokenProperties properties) {
		return new DelegatingOAuth2TokenValidator<>(List.of(new JwtTimestampValidator(properties.clockSkew()),
				new JwtIssuerValidator(properties.issuer()), required(JwtClaimNames.EXP), required(JwtClaimNames.SUB),
				audience(properties.audience()), kind()));
	}

	private static OAuth2TokenValidator<Jwt> required(String claim) {
		return (jwt) -> (jwt.hasClaim(claim)) ? OAuth2TokenValidatorResult.success()
				: failure("the token has no " + claim + " claim");
	}

	private static OAuth2TokenValidator<Jwt> audience(String audience) {
		return (jwt) -> (jwt.getAudience() != null && jwt.getAudience().contains(audience))
				? OAuth2TokenValidatorResult.success() : failure("the token is not meant for this API");
	}

	private static OAuth2TokenValidator<Jwt> kind() {
		return (jwt) -> TokenClaims.KINDS.contains(jwt.getClaimAsString(TokenClaims.KIND))
				? OAuth2TokenValidatorResult.success() : failure("the token is not an access token");
	}

	private static OAuth2TokenValidatorResult failure(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
	}

}
