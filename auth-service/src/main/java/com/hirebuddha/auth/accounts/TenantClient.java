package com.hirebuddha.auth.accounts;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.hirebuddha.auth.sessions.AccessTokens;
import com.hirebuddha.commons.security.Roles;
import com.hirebuddha.commons.security.TokenClaims;
import com.hirebuddha.commons.web.ApiException;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Calls tenant-service as the auth service itself (a one-minute service token), with
 * connect and read timeouts and no retries: creating a tenant is not idempotent.
 */
@Component
@EnableConfigurationProperties(TenantClientProperties.class)
class TenantClient {

	private final RestClient http;

	private final AccessTokens tokens;

	TenantClient(RestClient.Builder builder, TenantClientProperties tenantService, AccessTokens tokens) {
		this.http = tenantService.configure(builder).build();
		this.tokens = tokens;
	}

	UUID create(String name) {
		try {
			return post("/api/v1/tenants", name);
		}
		catch (RestClientException ex) {
			throw new TenantServiceUnavailable(ex);
		}
	}

	UUID createPartner(String name) {
		return post("/api/v1/partners", name);
	}

	// creates a tenant or a partner: both take a name and answer with the new id
	private UUID post(String path, String name) {
		TenantView created = this.http.post()
			.uri(path)
			.header("Authorization", "Bearer " + serviceToken())
			.body(Map.of("name", name))
			.retrieve()
			.body(TenantView.class);
		if (created == null) {
			throw new RestClientException("tenant-service answered without a body");
		}
		return created.id();
	}

	/**
	 * Whether the caller behind a token may see a tenant, as tenant-service (the owner of
	 * the tree) decides.
	 * @param callerToken the caller's own access token
	 * @param tenantId the tenant
	 * @return true if tenant-service shows it to the caller
	 */
	boolean visibleTo(String callerToken, UUID tenantId) {
		try {
			this.http.get()
				.uri("/api/v1/tenants/{id}", tenantId)
				.header("Authorization", "Bearer " + callerToken)
				.retrieve()
				.toBodilessEntity();
			return true;
		}
		catch (HttpClientErrorException.NotFound ex) {
			return false;
		}
	}

	void close(UUID tenantId, String reason) {
		this.http.post()
			.uri("/api/v1/tenants/{id}/close", tenantId)
			.header("Authorization", "Bearer " + serviceToken())
			.body(Map.of("reason", reason, "reasonCode", "REGISTRATION_FAILED"))
			.retrieve()
			.toBodilessEntity();
	}

	private String serviceToken() {
		return this.tokens.sign("service:auth-service", TokenClaims.KIND_SERVICE, List.of(Roles.PLATFORM_ADMIN), null,
				null, Duration.ofMinutes(1), (claims) -> {
				});
	}

	record TenantView(UUID id) {
	}

	/**
	 * Tenant creation failed; nothing was created on this side.
	 */
	static final class TenantServiceUnavailable extends ApiException {

		TenantServiceUnavailable(Throwable cause) {
			super(HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable", "Service unavailable",
					"Sign-up is unavailable right now; nothing was created. Try again in a minute.");
			initCause(cause);
		}

	}

}
