package com.hirebuddha.tenant.tenants;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.hirebuddha.commons.events.Topics;
import com.hirebuddha.commons.test.ServiceClient;
import com.hirebuddha.commons.test.TestTokens;
import com.hirebuddha.commons.test.ServiceTest;
import com.hirebuddha.commons.test.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Creating a tenant over HTTP stores it and publishes
 * {@code hirebuddha.tenant.created.v1} through the outbox; a rolled-back change publishes
 * nothing; bad input changes nothing.
 */
@ServiceTest
class TenantEventsOutboxTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final TenantService tenants;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final String bootstrapServers;

	private final ServiceClient client;

	TenantEventsOutboxTests(TenantService tenants, JdbcClient jdbc, TransactionTemplate transactions,
			@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers, @LocalServerPort int port) {
		this.tenants = tenants;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.bootstrapServers = bootstrapServers;
		this.client = new ServiceClient(port).withBearer(TestTokens.platformAdmin());
	}

	@Test
	void createdTenantIsStoredAndAnnouncedOnTenantEvents() throws Exception {
		HttpResponse<String> response = this.client.post("/api/v1/tenants", "{\"name\":\"  Acme Robotics  \"}");
		assertThat(response.statusCode()).isEqualTo(201);
		JsonNode tenant = this.json.readTree(response.body());
		String id = tenant.path("id").asString();
		assertThat(tenant.path("name").asString()).isEqualTo("Acme Robotics");
		assertThat(tenant.path("status").asString()).isEqualTo("ACTIVE");
		assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/tenants/" + id);

		try (TopicProbe probe = new TopicProbe(this.bootstrapServers, Topics.TENANT_EVENTS)) {
			List<ConsumerRecord<String, String>> records = probe.await((r) -> id.equals(r.key()), 1,
					Duration.ofSeconds(20));
			assertThat(records).hasSize(1);
			JsonNode envelope = this.json.readTree(records.get(0).value());
			assertThat(envelope.path("type").asString()).isEqualTo(TenantCreated.TYPE);
			assertThat(envelope.path("source").asString()).isEqualTo("/tenant-service");
			assertThat(envelope.path("tenantId").asString()).isEqualTo(id);
			assertThat(envelope.path("data").path("name").asString()).isEqualTo("Acme Robotics");
			// the relay marks the row once the broker acknowledged it: just after a
			// reader can see it
			await().atMost(Duration.ofSeconds(5)).until(() -> publishedAt(envelope.path("id").asString()) != null);
		}

		HttpResponse<String> read = this.client.get("/api/v1/tenants/" + id);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(read.body()).path("name").asString()).isEqualTo("Acme Robotics");
	}

	@Test
	void rolledBackChangeLeavesNeitherTenantNorEvent() {
		AtomicReference<UUID> created = new AtomicReference<>();
		assertThatThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
			created.set(this.tenants.create(new CreateTenantRequest("Doomed Ltd")).id());
			throw new IllegalStateException("a later step of the same transaction fails");
		})).isInstanceOf(IllegalStateException.class);

		assertThat(created.get()).isNotNull();
		assertThat(count("select count(*) from tenant where id = :id", created.get())).isZero();
		assertThat(count("select count(*) from outbox_event where message_key = :id", created.get().toString()))
			.isZero();
	}

	@Test
	void invalidTenantIsRefusedWithProblemDetailsAndChangesNothing() throws Exception {
		long before = count("select count(*) from tenant", null);
		for (String body : List.of("{\"name\":\"\"}", "{\"name\":\"   \"}", "{}",
				"{\"name\":\"" + "x".repeat(201) + "\"}", "not json")) {
			HttpResponse<String> response = this.client.post("/api/v1/tenants", body);
			assertThat(response.statusCode()).as(body).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		}
		JsonNode problem = this.json.readTree(this.client.post("/api/v1/tenants", "{\"name\":\"\"}").body());
		assertThat(problem.path("type").asString()).isEqualTo("https://hirebuddha.dev/problems/validation-failed");
		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("name");
		assertThat(count("select count(*) from tenant", null)).isEqualTo(before);
	}

	@Test
	void unknownTenantAnswers404() throws Exception {
		HttpResponse<String> response = this.client.get("/api/v1/tenants/" + UUID.randomUUID());
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(this.json.readTree(response.body()).path("type").asString())
			.isEqualTo("https://hirebuddha.dev/problems/not-found");
	}

	@Test
	void listIsPaginatedNewestFirst() throws Exception {
		this.tenants.create(new CreateTenantRequest("Paged One"));
		TenantView newest = this.tenants.create(new CreateTenantRequest("Paged Two"));
		JsonNode page = this.json.readTree(this.client.get("/api/v1/tenants?page=0&size=1").body());
		assertThat(page.path("items")).hasSize(1);
		assertThat(page.path("items").get(0).path("id").asString()).isEqualTo(newest.id().toString());
		assertThat(page.path("size").asInt()).isEqualTo(1);
		assertThat(page.path("total").asLong()).isGreaterThanOrEqualTo(2);
		assertThat(this.client.get("/api/v1/tenants?size=0").statusCode()).isEqualTo(400);
	}

	@Test
	void tenantUsersSeeOnlyTheirOwnTenantAndCannotCreateOrListOthers() throws Exception {
		TenantView mine = this.tenants.create(new CreateTenantRequest("Mine Inc"));
		TenantView theirs = this.tenants.create(new CreateTenantRequest("Theirs Inc"));
		ServiceClient admin = this.client.withBearer(TestTokens.user(mine.id(), "TENANT_ADMIN"));

		assertThat(admin.get("/api/v1/tenants/" + mine.id()).statusCode()).isEqualTo(200);
		HttpResponse<String> other = admin.get("/api/v1/tenants/" + theirs.id());
		assertThat(other.statusCode()).as("another tenant's id answers like a missing one").isEqualTo(404);
		assertThat(other.body()).doesNotContain("Theirs Inc");
		JsonNode listed = this.json.readTree(admin.get("/api/v1/tenants?size=200").body());
		assertThat(listed.path("items")).hasSize(1);
		assertThat(listed.path("items").get(0).path("id").asString()).isEqualTo(mine.id().toString());
		HttpResponse<String> create = admin.post("/api/v1/tenants", "{\"name\":\"Sneaky\"}");
		assertThat(create.statusCode()).isEqualTo(403);
		assertThat(this.json.readTree(create.body()).path("type").asString())
			.isEqualTo("https://hirebuddha.dev/problems/forbidden");
	}

	@Test
	void closingATenantAnnouncesItsStatusOnceAndOnlyPlatformAdminsMayDoIt() throws Exception {
		TenantView tenant = this.tenants.create(new CreateTenantRequest("Short Lived"));
		String path = "/api/v1/tenants/" + tenant.id() + "/close";
		assertThat(this.client.withBearer(TestTokens.user(tenant.id(), "TENANT_ADMIN"))
			.post(path, "{\"reason\":\"no\"}")
			.statusCode()).isEqualTo(403);
		assertThat(this.client.post(path, "{\"reason\":\"\"}").statusCode()).isEqualTo(400);

		HttpResponse<String> closed = this.client.post(path, "{\"reason\":\"registration failed\"}");
		assertThat(closed.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(closed.body()).path("status").asString()).isEqualTo("CLOSED");
		assertThat(this.client.post(path, "{\"reason\":\"again\"}").statusCode()).isEqualTo(200);

		try (TopicProbe probe = new TopicProbe(this.bootstrapServers, Topics.TENANT_EVENTS)) {
			List<ConsumerRecord<String, String>> records = probe.await(
					(r) -> tenant.id().toString().equals(r.key()) && r.value().contains(TenantStatusChanged.TYPE), 1,
					Duration.ofSeconds(20));
			JsonNode data = this.json.readTree(records.get(0).value()).path("data");
			assertThat(data.path("status").asString()).isEqualTo("CLOSED");
			assertThat(data.path("reason").asString()).isEqualTo("registration failed");
		}
		assertThat(count("select count(*) from outbox_event where type = '" + TenantStatusChanged.TYPE
				+ "' and message_key = :id", tenant.id().toString()))
			.as("closing twice announces once")
			.isEqualTo(1);
	}

	private @Nullable Object publishedAt(String eventId) {
		return this.jdbc.sql("select published_at from outbox_event where id = :id")
			.param("id", UUID.fromString(eventId))
			.query()
			.listOfRows()
			.get(0)
			.get("published_at");
	}

	private long count(String sql, Object id) {
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql);
		if (id != null) {
			statement = statement.param("id", id);
		}
		return statement.query(Long.class).single();
	}

}
