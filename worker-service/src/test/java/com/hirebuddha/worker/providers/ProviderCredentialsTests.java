package com.hirebuddha.worker.providers;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.hirebuddha.commons.test.ServiceClient;
import com.hirebuddha.commons.test.ServiceTest;
import com.hirebuddha.commons.test.TestTokens;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenants' provider keys: write-only, encrypted at rest under a rotatable key, scoped to
 * the tenant; and the model catalog each tenant sees.
 */
@ServiceTest
class ProviderCredentialsTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final ServiceClient client;

	private final JdbcClient jdbc;

	private final ProviderCredentials credentials;

	ProviderCredentialsTests(@LocalServerPort int port, JdbcClient jdbc, ProviderCredentials credentials) {
		this.client = new ServiceClient(port);
		this.jdbc = jdbc;
		this.credentials = credentials;
	}

	@Test
	void aKeyIsWrittenEncryptedNeverShownAndOnlyTheWorkerReadsIt() throws Exception {
		UUID tenant = UUID.randomUUID();
		ServiceClient admin = this.client.withBearer(TestTokens.user(tenant, "TENANT_ADMIN"));
		String secret = "sk-test-" + UUID.randomUUID();
		assertThat(admin.send("PUT", "/api/v1/providers/openai", "{\"apiKey\":\"" + secret + "\"}").statusCode())
			.isEqualTo(204);

		HttpResponse<String> listed = admin.get("/api/v1/providers");
		assertThat(listed.body()).doesNotContain(secret).contains("\"provider\":\"openai\"");
		byte[] stored = this.jdbc.sql("select secret from provider_credential where tenant_id = :t")
			.param("t", tenant)
			.query(byte[].class)
			.single();
		assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(secret);
		assertThat(this.credentials.credentialFor(tenant, "openai")).hasValueSatisfying((credential) -> {
			assertThat(credential.apiKey()).isEqualTo(secret);
			assertThat(credential.toString()).doesNotContain(secret);
		});
		assertThat(new ProviderRequest(secret, null).toString()).doesNotContain(secret);

		JsonNode mine = models(admin);
		assertThat(available(mine, "openai")).isTrue();
		assertThat(available(mine, "simulator")).isTrue();
		ServiceClient other = this.client.withBearer(TestTokens.user(UUID.randomUUID(), "TENANT_ADMIN"));
		assertThat(available(models(other), "openai")).as("another tenant's key is not theirs").isFalse();
		assertThat(this.json.readTree(other.get("/api/v1/providers").body()).path("items")).isEmpty();
		assertThat(other.delete("/api/v1/providers/openai").statusCode()).isEqualTo(404);

		assertThat(admin.delete("/api/v1/providers/openai").statusCode()).isEqualTo(204);
		assertThat(this.credentials.credentialFor(tenant, "openai")).isEmpty();
	}

	@Test
	void theSimulatorIsLabelledSimulated() throws Exception {
		JsonNode items = models(this.client.withBearer(TestTokens.user(UUID.randomUUID(), "TENANT_MEMBER")));
		JsonNode simulator = items.get(0);
		assertThat(simulator.path("provider").asString()).isEqualTo("simulator");
		assertThat(simulator.path("model").asString()).isEqualTo("sim-1");
		assertThat(simulator.path("simulated").asBoolean()).isTrue();
		assertThat(simulator.path("label").asString()).contains("simulated");
	}

	@Test
	void badRequestsAreRefusedAndChangeNothing() throws Exception {
		UUID tenant = UUID.randomUUID();
		ServiceClient admin = this.client.withBearer(TestTokens.user(tenant, "TENANT_ADMIN"));
		assertThat(admin.send("PUT", "/api/v1/providers/skynet", "{\"apiKey\":\"0123456789\"}").statusCode())
			.isEqualTo(404);
		assertThat(admin.send("PUT", "/api/v1/providers/simulator", "{\"apiKey\":\"0123456789\"}").statusCode())
			.as("the simulator needs no key")
			.isEqualTo(404);
		assertThat(admin.send("PUT", "/api/v1/providers/openai", "{\"apiKey\":\"short\"}").statusCode()).isEqualTo(400);
		assertThat(admin.send("PUT", "/api/v1/providers/openai", "{\"apiKey\":\"0123456789\",\"baseUrl\":\"ftp://x\"}")
			.statusCode()).isEqualTo(400);
		assertThat(admin.send("PUT", "/api/v1/providers/openai-compatible", "{\"apiKey\":\"0123456789\"}").statusCode())
			.isEqualTo(422);
		for (String internal : List.of("http://127.0.0.1:8083/v1", "http://169.254.169.254/latest",
				"http://10.0.0.7/v1", "http://localhost:8099/v1")) {
			HttpResponse<String> refused = admin.send("PUT", "/api/v1/providers/openai-compatible",
					"{\"apiKey\":\"0123456789\",\"baseUrl\":\"" + internal + "\"}");
			assertThat(refused.statusCode()).as("a tenant's base URL may not point inside: " + internal).isEqualTo(422);
			assertThat(refused.body()).contains("forbidden-base-url");
		}
		assertThat(this.client.withBearer(TestTokens.user(tenant, "TENANT_MEMBER"))
			.send("PUT", "/api/v1/providers/openai", "{\"apiKey\":\"0123456789\"}")
			.statusCode()).isEqualTo(403);
		assertThat(this.client
			.withBearer(TestTokens.sign((claims) -> claims.claim("tid", tenant.toString())
				.claim("roles", List.of("TENANT_ADMIN"))
				.claim("typ", "api-key")
				.claim("scope", "agents:write")))
			.send("PUT", "/api/v1/providers/openai", "{\"apiKey\":\"0123456789\"}")
			.statusCode()).as("keys are set by signed-in admins").isEqualTo(403);
		assertThat(this.jdbc.sql("select count(*) from provider_credential where tenant_id = :t")
			.param("t", tenant)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void whatARetiredKeyEncryptedStillDecryptsAfterRotation() {
		String k0 = "MDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDA=";
		String k1 = "dGVzdC1vbmx5LXdvcmtlci1jcmVkZW50aWFsLWtleSE=";
		CredentialCipher before = new CredentialCipher(
				new WorkerProperties(new WorkerProperties.CredentialKeys("k0", Map.of("k0", k0)), Map.of()));
		byte[] sealed = before.encrypt("sk-old", "tenant/openai");
		CredentialCipher after = new CredentialCipher(
				new WorkerProperties(new WorkerProperties.CredentialKeys("k1", Map.of("k0", k0, "k1", k1)), Map.of()));
		assertThat(after.activeKeyId()).isEqualTo("k1");
		assertThat(after.decrypt("k0", sealed, "tenant/openai")).isEqualTo("sk-old");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> after.decrypt("k0", sealed, "other-tenant/openai"))
			.as("a ciphertext moved to another row does not open")
			.isInstanceOf(IllegalStateException.class);
	}

	private JsonNode models(ServiceClient caller) throws Exception {
		HttpResponse<String> response = caller.get("/api/v1/models");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body()).path("items");
	}

	private static boolean available(JsonNode items, String provider) {
		for (JsonNode item : items) {
			if (provider.equals(item.path("provider").asString()) && item.path("available").asBoolean()) {
				return true;
			}
		}
		return false;
	}

}
