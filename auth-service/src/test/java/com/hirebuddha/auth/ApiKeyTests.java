package com.hirebuddha.auth;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.hirebuddha.auth.accounts.Users;
import com.hirebuddha.auth.sessions.Sessions;
import com.hirebuddha.commons.events.Topics;
import com.hirebuddha.commons.security.Roles;
import com.hirebuddha.commons.tenancy.DbScope;
import com.hirebuddha.commons.test.ServiceClient;
import com.hirebuddha.commons.test.ServiceTest;
import com.hirebuddha.commons.test.TopicProbe;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API keys: shown once, stored hashed, scoped to their owner, exchanged for a short-lived
 * access token that says what the key may do, dead once revoked.
 */
@ServiceTest
class ApiKeyTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final int port;

	private final ServiceClient client;

	private final Users users;

	private final Sessions sessions;

	private final JdbcClient jdbc;

	private final String bootstrapServers;

	ApiKeyTests(@LocalServerPort int port, Users users, Sessions sessions, JdbcClient jdbc,
			@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
		this.port = port;
		this.client = new ServiceClient(port);
		this.users = users;
		this.sessions = sessions;
		this.jdbc = jdbc;
		this.bootstrapServers = bootstrapServers;
	}

	@Test
	void aKeyIsShownOnceWorksUntilRevokedAndIsStoredHashed() throws Exception {
		UUID tenant = UUID.randomUUID();
		ServiceClient admin = this.client.withBearer(token(Roles.TENANT_ADMIN, tenant));
		HttpResponse<String> created = admin.post("/api/v1/api-keys",
				"{\"name\":\"CI pipeline\",\"scopes\":[\"agents:run\",\"agents:read\"],\"rateLimitPerMinute\":60}");
		assertThat(created.statusCode()).isEqualTo(201);
		JsonNode key = this.json.readTree(created.body());
		String secret = key.path("key").asString();
		assertThat(secret).startsWith(key.path("prefix").asString()).startsWith("hb_");
		assertThat(this.jdbc.sql("select count(*) from api_key where secret_hash = :hash")
			.param("hash", Secrets.hash(secret))
			.query(Long.class)
			.single()).isEqualTo(1);

		JsonNode list = this.json.readTree(admin.get("/api/v1/api-keys").body());
		assertThat(list.path("items")).hasSize(1);
		assertThat(list.path("items").get(0).has("key")).as("the secret is never shown again").isFalse();
		assertThat(list.path("items").get(0).path("prefix").asString()).isEqualTo(key.path("prefix").asString());

		HttpResponse<String> exchanged = exchange(secret);
		assertThat(exchanged.statusCode()).isEqualTo(200);
		JsonNode token = this.json.readTree(exchanged.body());
		assertThat(token.path("rateLimitPerMinute").asInt()).isEqualTo(60);
		JsonNode claims = this.json
			.readTree(java.util.Base64.getUrlDecoder().decode(token.path("accessToken").asString().split("\\.")[1]));
		assertThat(claims.path("typ").asString()).isEqualTo("api-key");
		assertThat(claims.path("tid").asString()).isEqualTo(tenant.toString());
		assertThat(claims.path("akid").asString()).isEqualTo(key.path("id").asString());
		assertThat(claims.path("scope").asString()).isEqualTo("agents:read agents:run");
		assertThat(claims.path("rlm").asInt()).isEqualTo(60);
		assertThat(this.json.readTree(admin.get("/api/v1/api-keys").body())
			.path("items")
			.get(0)
			.path("lastUsedAt")
			.isNull()).as("last use recorded").isFalse();

		ServiceClient asKey = this.client.withBearer(token.path("accessToken").asString());
		assertThat(asKey.get("/api/v1/api-keys").statusCode()).as("keys cannot manage keys").isEqualTo(403);

		try (TopicProbe probe = new TopicProbe(this.bootstrapServers, Topics.AUTH_EVENTS)) {
			assertThat(admin.delete("/api/v1/api-keys/" + key.path("id").asString()).statusCode()).isEqualTo(204);
			probe.await(
					(r) -> r.value().contains("api-key-revoked") && r.value().contains(key.path("prefix").asString()),
					1, Duration.ofSeconds(20));
		}
		assertThat(exchange(secret).statusCode()).isEqualTo(401);
		assertThat(this.json.readTree(admin.get("/api/v1/api-keys").body()).path("items")).isEmpty();
	}

	@Test
	void anotherTenantsKeyAnswers404AndIsNotListed() throws Exception {
		ServiceClient mine = this.client.withBearer(token(Roles.TENANT_ADMIN, UUID.randomUUID()));
		ServiceClient theirs = this.client.withBearer(token(Roles.TENANT_ADMIN, UUID.randomUUID()));
		String id = this.json
			.readTree(theirs.post("/api/v1/api-keys", "{\"name\":\"theirs\",\"scopes\":[\"agents:run\"]}").body())
			.path("id")
			.asString();
		assertThat(mine.delete("/api/v1/api-keys/" + id).statusCode()).isEqualTo(404);
		assertThat(this.json.readTree(mine.get("/api/v1/api-keys").body()).path("items")).isEmpty();
		assertThat(this.json.readTree(theirs.get("/api/v1/api-keys").body()).path("items")).hasSize(1);
	}

	@Test
	void aQueryThatForgetsTheTenantFilterStillSeesOnlyTheCallersKeys() throws Exception {
		UUID mine = UUID.randomUUID();
		UUID theirs = UUID.randomUUID();
		for (UUID tenant : List.of(mine, theirs)) {
			assertThat(this.client.withBearer(token(Roles.TENANT_ADMIN, tenant))
				.post("/api/v1/api-keys", "{\"name\":\"rls\",\"scopes\":[\"agents:run\"]}")
				.statusCode()).isEqualTo(201);
		}
		// no "where tenant_id = …": row-level security filters by the session's scope
		List<UUID> seen = DbScope.run(DbScope.tenant(mine),
				() -> this.jdbc.sql("select tenant_id from api_key").query(UUID.class).list());
		assertThat(seen).isNotEmpty().containsOnly(mine);
		assertThat(DbScope.run(DbScope.ANONYMOUS,
				() -> this.jdbc.sql("select count(*) from api_key").query(Long.class).single()))
			.isZero();
		assertThat(DbScope.run(DbScope.SYSTEM,
				() -> this.jdbc.sql("select count(distinct tenant_id) from api_key where tenant_id in (:ids)")
					.param("ids", List.of(mine, theirs))
					.query(Long.class)
					.single()))
			.isEqualTo(2);
	}

	@Test
	void badKeysAndBadRequestsAreRefused() throws Exception {
		ServiceClient admin = this.client.withBearer(token(Roles.TENANT_ADMIN, UUID.randomUUID()));
		assertThat(admin.post("/api/v1/api-keys", "{\"name\":\"x\",\"scopes\":[\"everything\"]}").statusCode())
			.isEqualTo(422);
		assertThat(admin.post("/api/v1/api-keys", "{\"name\":\"\",\"scopes\":[\"agents:run\"]}").statusCode())
			.isEqualTo(400);
		assertThat(admin
			.post("/api/v1/api-keys",
					"{\"name\":\"x\",\"scopes\":[\"agents:run\"],\"expiresAt\":\"2000-01-01T00:00:00Z\"}")
			.statusCode()).isEqualTo(422);
		assertThat(this.client.withBearer(token(Roles.TENANT_MEMBER, UUID.randomUUID()))
			.post("/api/v1/api-keys", "{\"name\":\"x\",\"scopes\":[\"agents:run\"]}")
			.statusCode()).as("members cannot create keys").isEqualTo(403);
		for (String key : new String[] { "nonsense", "hb_aaaaaaaaaaaa_" + "x".repeat(43) }) {
			assertThat(exchange(key).statusCode()).as(key).isIn(400, 401);
		}
		String expiring = this.json
			.readTree(
					admin
						.post("/api/v1/api-keys",
								"{\"name\":\"soon\",\"scopes\":" + "[\"agents:run\"],\"expiresAt\":\""
										+ java.time.Instant.now().plusSeconds(2) + "\"}")
						.body())
			.path("key")
			.asString();
		assertThat(exchange(expiring).statusCode()).isEqualTo(200);
		Thread.sleep(2500);
		assertThat(exchange(expiring).statusCode()).as("expired").isEqualTo(401);
	}

	private HttpResponse<String> exchange(String key) throws Exception {
		return java.net.http.HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(java.net.URI.create("http://127.0.0.1:" + this.port + "/internal/api-keys/exchange"))
				.header("X-API-Key", key)
				.POST(HttpRequest.BodyPublishers.noBody())
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String token(String role, UUID tenant) {
		return this.sessions.start(this.users.create(
				new Users.NewUser("keys-" + UUID.randomUUID() + "@example.com", "Key Admin", role, tenant, null), null,
				true))
			.accessToken();
	}

}
