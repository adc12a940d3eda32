package com.hirebuddha.tenant.partners;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
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
class AuthClient {

	private final RestClient http;

	AuthClient(@Value("${HB_AUTH_URL:http://127.0.0.1:8081}") String authUrl) {
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(Duration.ofSeconds(2));
		requests.setReadTimeout(Duration.ofSeconds(10));
		this.http = RestClient.builder().baseUrl(authUrl).requestFactory(requests).build();
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
			.header("Authorization", "Bearer " + callerToken())
			.body(body)
			.retrieve()
			.toBodilessEntity();
	}

	private static String callerToken() {
		if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token) {
			return token.getToken().getTokenValue();
		}
		throw new IllegalStateException("no caller token to act with");
	}

}
