package com.hirebuddha.gateway;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's front-door settings ({@code hb.gateway.*}); docs/security.md explains
 * them.
 *
 * @param issuer the expected {@code iss} of access tokens
 * @param audience the expected member of {@code aud}
 * @param jwkSetUri where the auth service publishes its signing keys
 * @param clockSkew tolerance for {@code exp} and {@code nbf}
 * @param authUrl where the auth service answers (API-key exchange)
 * @param apiKeyCacheTtl how long an exchanged API key is reused before asking again
 * @param tenantRequestsPerMinute rate limit per tenant (or per tenant-less user)
 * @param anonymousRequestsPerMinute rate limit per client address for requests without
 * credentials
 * @param trustedProxies regex of the proxies in front of the gateway whose forwarded
 * headers are believed; empty for none
 * @param publicPaths Ant patterns under /api and /v1 reachable without credentials
 * @param jwksRefreshInterval least time between two fetches of the signing keys caused by
 * tokens naming an unknown key
 * @param jwksCacheTtl how long fetched signing keys are used before they are fetched
 * again
 */
@ConfigurationProperties("hb.gateway")
public record GatewayProperties(String issuer, @DefaultValue("hirebuddha-api") String audience, String jwkSetUri,
		@DefaultValue("30s") Duration clockSkew, String authUrl, @DefaultValue("60s") Duration apiKeyCacheTtl,
		@DefaultValue("600") int tenantRequestsPerMinute, @DefaultValue("60") int anonymousRequestsPerMinute,
		@DefaultValue("") String trustedProxies, @DefaultValue List<String> publicPaths,
		@DefaultValue("10s") Duration jwksRefreshInterval, @DefaultValue("5m") Duration jwksCacheTtl) {

}
