package com.hirebuddha.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.test.ServiceTest;
import com.hirebuddha.commons.web.ApiException;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Service tokens (ADR 0012): a service with its own secret gets a short-lived token for
 * one tenant, with only the scopes it was granted; anyone else gets 401 or 403 and no
 * token.
 */
@ServiceTest
class ServiceTokenTests {

	private static final String SECRET = "test-only-worker-service-secret-0123456789";

	private final JsonMapper json = JsonMapper.builder().build();

	private final int port;

	ServiceTokenTests(@LocalServerPort int port) {
		this.port = port;
	}

	@Test
	void aServiceGetsATenantScopedTokenWithOnlyItsScopes() throws Exception {
		UUID tenant = UUID.randomUUID();
		HttpResponse<String> issued = ask("worker-service", SECRET,
				"{\"tenantId\":\"" + tenant + "\",\"scopes\":[\"knowledge:read\"]}");
		assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
		JsonNode body = this.json.readTree(issued.body());
		assertThat(body.path("expiresIn").asLong()).isEqualTo(120);
		JsonNode claims = this.json
			.readTree(Base64.getUrlDecoder().decode(body.path("accessToken").asString().split("\\.")[1]));
		assertThat(claims.path("sub").asString()).isEqualTo("service:worker-service");
		assertThat(claims.path("typ").asString()).isEqualTo("service");
		assertThat(claims.path("tid").asString()).isEqualTo(tenant.toString());
		assertThat(claims.path("scope").asString()).isEqualTo("knowledge:read");
		assertThat(claims.path("roles").get(0).asString()).isEqualTo("TENANT_MEMBER");
		assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(120);
	}

	@Test
	void wrongSecretsUnknownServicesAndUngrantedScopesGetNoToken() throws Exception {
		String body = "{\"tenantId\":\"" + UUID.randomUUID() + "\",\"scopes\":[\"knowledge:read\"]}";
		assertThat(ask("worker-service", SECRET + "x", body).statusCode()).isEqualTo(401);
		assertThat(ask("nobody", SECRET, body).statusCode()).isEqualTo(401);
		assertThat(ask("weak-service", "too-short", body).statusCode()).as("a secret under 32 characters never works")
			.isEqualTo(401);
		assertThat(send(null, body).statusCode()).isEqualTo(401);
		assertThat(send("Basic !!!", body).statusCode()).isEqualTo(401);
		HttpResponse<String> ungranted = ask("worker-service", SECRET,
				"{\"tenantId\":\"" + UUID.randomUUID() + "\",\"scopes\":[\"agents:write\"]}");
		assertThat(ungranted.statusCode()).isEqualTo(403);
		assertThat(this.json.readTree(ungranted.body()).path("type").asString()).endsWith("/insufficient-scope");
		assertThat(ask("worker-service", SECRET, "{\"scopes\":[\"knowledge:read\"]}").statusCode()).isEqualTo(400);
	}

	@Test
	void aServiceTokenForATenantIsHeldToItsScopesLikeAnApiKey() {
		UUID tenant = UUID.randomUUID();
		Caller service = new Caller("service:worker-service", tenant, null, List.of("TENANT_MEMBER"), "service", null,
				List.of("knowledge:read"));
		assertThat(service.requireTenant("knowledge:read")).isEqualTo(tenant);
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> service.requireTenant("agents:write"))
			.withMessageContaining("service token lacks the scope agents:write");
		Caller platform = new Caller("service:auth-service", null, null, List.of("PLATFORM_ADMIN"), "service", null,
				List.of());
		platform.requireScope("tenants:write");
	}

	private HttpResponse<String> ask(String service, String secret, String body) throws Exception {
		return send("Basic "
				+ Base64.getEncoder().encodeToString((service + ":" + secret).getBytes(StandardCharsets.UTF_8)), body);
	}

	private HttpResponse<String> send(String authorization, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/internal/service-tokens"))
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
