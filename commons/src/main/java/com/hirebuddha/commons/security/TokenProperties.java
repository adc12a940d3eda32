package com.hirebuddha.commons.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service validates access tokens ({@code hb.security.*}); issuer and JWKS address
 * default to the local fleet in hirebuddha-defaults.yml.
 *
 * @param issuer the expected {@code iss}
 * @param audience the expected member of {@code aud}
 * @param jwkSetUri where the auth service publishes its signing keys
 * @param clockSkew tolerance for {@code exp} and {@code nbf}
 * @param publicPaths Ant patterns this service answers without a token
 */
@ConfigurationProperties("hb.security")
public record TokenProperties(String issuer, @DefaultValue("hirebuddha-api") String audience, String jwkSetUri,
		@DefaultValue("30s") Duration clockSkew, @DefaultValue List<String> publicPaths) {

}
