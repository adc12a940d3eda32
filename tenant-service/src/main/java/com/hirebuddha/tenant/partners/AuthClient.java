package com.hirebuddha.tenant.partners;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.hirebuddha.commons.client.CallerToken;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * Creates a tenant's first admin in auth-service on behalf of the caller: the caller's
 * own access token travels with the call, so auth-service decides with the caller's
 * rights (and asks this service whether the caller may see the tenant). Timeouts, no
 * retries: creating a user is not idempotent.
 */
@Component
@EnableConfigurationProperties(AuthClientProperties.class)
class AuthClient {

	private final RestClient http;

	AuthClient(RestClient.Builder builder, AuthClientProperties auth) {
		this.http = auth.configure(builder).build();
	}

	/**
	 * Creates the admin, or invites them when no password is given.
	 * @throws HttpClientErrorException with auth-service's problem when it refuses
	 */
	void createTenantAdmin(UUID tenantId, String email, String name, @Nullable String password) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("tenantId", tenantId);
		body.put("email", email);
		body.put("name", name);
		if (password != null) {
			body.put("password", password);
		}
		this.http.post()
			.uri("/api/v1/auth/tenant-admins")
			.header("Authorization", CallerToken.bearer())
			.body(body)
			.retrieve()
			.toBodilessEntity();
	}

}
