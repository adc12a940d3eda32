package com.hirebuddha.auth.services;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import com.hirebuddha.auth.sessions.AccessTokens;
import com.hirebuddha.commons.security.Roles;
import com.hirebuddha.commons.security.TokenClaims;
import com.hirebuddha.commons.web.ApiException;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/service-tokens}: a platform service, authenticated by its own
 * secret (HTTP Basic), gets a short-lived token for one tenant with only the scopes its
 * configuration grants, and the role of a tenant member. The service then calls a peer as
 * that tenant, so the peer's tenant scope and row-level security hold for it as for any
 * caller (ADR 0012). Not routed by the gateway.
 */
@RestController
@EnableConfigurationProperties(ServiceClientProperties.class)
class ServiceTokenController {

	private final ServiceClientProperties clients;

	private final AccessTokens tokens;

	ServiceTokenController(ServiceClientProperties clients, AccessTokens tokens) {
		this.clients = clients;
		this.tokens = tokens;
	}

	@PostMapping("/internal/service-tokens")
	Issued issue(@RequestHeader(name = "Authorization", required = false) @Nullable String authorization,
			@Valid @RequestBody Request request) {
		String service = authenticate(authorization);
		ServiceClientProperties.Client client = this.clients.clients().get(service);
		for (String scope : request.scopes()) {
			if (client == null || !client.scopes().contains(scope)) {
				throw ApiException.forbidden("insufficient-scope",
						"Service " + service + " may not ask for the scope " + scope + ".");
			}
		}
		Duration ttl = this.clients.tokenTtl();
		String token = this.tokens.sign("service:" + service, TokenClaims.KIND_SERVICE, List.of(Roles.TENANT_MEMBER),
				request.tenantId(), null, ttl,
				(claims) -> claims.claim(TokenClaims.SCOPE, String.join(" ", request.scopes())));
		return new Issued(token, ttl.toSeconds());
	}

	// the service whose secret the Basic credential carries, compared in constant time
	private String authenticate(@Nullable String authorization) {
		if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			String decoded;
			try {
				decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
						StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				throw refused();
			}
			int colon = decoded.indexOf(':');
			if (colon > 0) {
				String name = decoded.substring(0, colon);
				ServiceClientProperties.Client client = this.clients.clients().get(name);
				byte[] offered = decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
				if (client != null && client.secret().length() >= 32
						&& MessageDigest.isEqual(client.secret().getBytes(StandardCharsets.UTF_8), offered)) {
					return name;
				}
			}
		}
		throw refused();
	}

	private static ApiException refused() {
		return ApiException.unauthorized("invalid-service-credentials",
				"The service credentials are missing or wrong.");
	}

	/**
	 * What a service asks for.
	 *
	 * @param tenantId the tenant to act for
	 * @param scopes the scopes the token must carry
	 */
	record Request(@NotNull UUID tenantId, @NotEmpty @Size(max = 10) List<String> scopes) {
	}

	/**
	 * The token.
	 *
	 * @param accessToken the access token
	 * @param expiresIn its lifetime in seconds
	 */
	record Issued(String accessToken, long expiresIn) {
	}

}
