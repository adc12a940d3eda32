package com.hirebuddha.billing.budgets;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.hirebuddha.billing.UsageEvents;
import com.hirebuddha.commons.events.EventCodec;
import com.hirebuddha.commons.events.EventEnvelope;
import com.hirebuddha.commons.events.Topics;
import com.hirebuddha.commons.test.ServiceClient;
import com.hirebuddha.commons.test.ServiceTest;
import com.hirebuddha.commons.test.TestTokens;
import com.hirebuddha.commons.test.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Budgets hold: concurrent runs against a nearly spent budget are granted only what fits,
 * the rest are refused with 402 before anything runs, each run's hold is settled by its
 * priced calls and let go at its end, and the plan's token budget refuses with 429. A key
 * or tenant the caller may not see answers 404; auth-service, which owns API keys, is a
 * WireMock stand-in on loopback.
 */
@ServiceTest
class BudgetTests {

	private static final WireMockServer AUTH = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	// one estimated call: 10,000 input and 10,000 output tokens of the simulator; at the
	// seeded cost (0.5 and 1.5 USD per million) + 20 % that is 24,000 micro-USD
	private static final Map<String, Object> CALL = Map.of("sku", "simulator/sim-1", "inputTokens", 10_000,
			"outputTokens", 10_000);

	private static final long ESTIMATE = 24_000;

	private final KafkaTemplate<String, String> kafka;

	private final EventCodec codec;

	private final JdbcClient jdbc;

	private final String brokers;

	private final JsonMapper json = JsonMapper.builder().build();

	private final int port;

	private final UUID tenant = UUID.randomUUID();

	private final ServiceClient admin;

	private final UsageEvents events;

	BudgetTests(KafkaTemplate<String, String> kafka, EventCodec codec, JdbcClient jdbc, @LocalServerPort int port,
			@Value("${spring.kafka.bootstrap-servers}") String brokers) {
		this.kafka = kafka;
		this.codec = codec;
		this.jdbc = jdbc;
		this.port = port;
		this.brokers = brokers;
		this.admin = new ServiceClient(port).withBearer(TestTokens.user(this.tenant, "TENANT_ADMIN"));
		this.events = new UsageEvents(kafka, codec, jdbc);
	}

	@DynamicPropertySource
	static void auth(DynamicPropertyRegistry registry) {
		AUTH.start();
		registry.add("hb.billing.auth.url", AUTH::baseUrl);
	}

	@AfterAll
	static void stopAuth() {
		AUTH.stop();
	}

	@Test
	void fiftyConcurrentRunsAgainstANearlySpentBudgetOvershootItByAtMostOneReservation() throws Exception {
		// spend something this month, then allow three and a half runs more
		List<EventEnvelope> earlier = List.of(usage(UUID.randomUUID(), 400_000, 120_000),
				usage(UUID.randomUUID(), 77_777, 33_333));
		deliver(earlier);
		long spent = spentMicros();
		assertThat(spent).isPositive();
		long limit = spent + ESTIMATE * 7 / 2;
		HttpResponse<String> set = this.admin.send("PUT", "/api/v1/budgets",
				this.json.writeValueAsString(Map.of("limitMicros", limit, "softPercent", 50)));
		assertThat(set.statusCode()).as(set.body()).isEqualTo(200);

		// fifty clients ready, released at once
		List<UUID> runs = new ArrayList<>();
		List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
		CyclicBarrier start = new CyclicBarrier(50);
		for (int i = 0; i < 50; i++) {
			UUID run = UUID.randomUUID();
			runs.add(run);
			ServiceClient client = new ServiceClient(this.port)
				.withBearer(TestTokens.user(this.tenant, "TENANT_ADMIN"));
			String body = reservation(run);
			calls.add(() -> {
				start.await();
				return client.post("/internal/v1/budgets/reservations", body);
			});
		}
		List<HttpResponse<String>> answers = new ArrayList<>();
		try (TopicProbe billing = new TopicProbe(this.brokers, Topics.BILLING_EVENTS);
				ExecutorService pool = Executors.newFixedThreadPool(50)) {
			for (Future<HttpResponse<String>> answer : pool.invokeAll(calls)) {
				answers.add(answer.get());
			}
			List<ConsumerRecord<String, String>> exceeded = billing.await(
					(r) -> r.value().contains(this.tenant.toString()) && r.value().contains("budget-exceeded"), 1,
					Duration.ofSeconds(10));
			assertThat(exceeded).as("budget-exceeded is announced once, not per refusal").hasSize(1);
		}
		List<UUID> granted = new ArrayList<>();
		for (int i = 0; i < answers.size(); i++) {
			HttpResponse<String> answer = answers.get(i);
			if (answer.statusCode() == 201) {
				granted.add(runs.get(i));
			}
			else {
				assertThat(answer.statusCode()).as(answer.body()).isEqualTo(402);
				assertThat(answer.headers().firstValue("Content-Type"))
					.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
				assertThat(answer.body()).contains("budget-exceeded");
				assertThat(answer.headers().firstValue("Retry-After")).isPresent();
			}
		}
		assertThat(granted).hasSize(3);

		// the granted runs make their calls: each priced call takes its amount off the
		// hold
		List<EventEnvelope> calls3 = granted.stream().map((run) -> usage(run, 10_000, 10_000)).toList();
		deliver(calls3);
		assertThat(spentMicros()).isLessThanOrEqualTo(limit + ESTIMATE);
		assertThat(this.jdbc.sql("select coalesce(sum(amount_micros), 0) from budget_reservation where tenant_id = :t")
			.param("t", this.tenant)
			.query(Long.class)
			.single()).isZero();
		JsonNode standing = this.json.readTree(this.admin.get("/api/v1/budgets").body()).path("items").get(0);
		assertThat(standing.path("spentMicros").asLong()).isEqualTo(spentMicros());
		assertThat(standing.path("limitMicros").asLong()).isEqualTo(limit);
	}

	@Test
	void aRunsEndLetsItsHoldGoAndThePlansTokenBudgetRefusesWith429() throws Exception {
		this.admin.send("PUT", "/api/v1/budgets", this.json.writeValueAsString(Map.of("limitMicros", 10_000_000)));
		UUID run = UUID.randomUUID();
		assertThat(this.admin.post("/internal/v1/budgets/reservations", reservation(run)).statusCode()).isEqualTo(201);
		assertThat(held()).isEqualTo(ESTIMATE);

		publish(Topics.EXECUTION_EVENTS, run.toString(), "hirebuddha.execution.progress.v1",
				Map.of("executionId", run.toString(), "event", "final_result", "status", "SUCCEEDED"));
		await().atMost(Duration.ofSeconds(20)).until(() -> held() == 0);

		publish(Topics.TENANT_EVENTS, this.tenant.toString(), "hirebuddha.tenant.updated.v1",
				Map.of("tenantId", this.tenant.toString(), "status", "ACTIVE", "limits",
						Map.of("requestsPerMinute", 600, "monthlyTokenBudget", 5_000)));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.jdbc.sql("select count(*) from plan_limit where tenant_id = :t and monthly_tokens = 5000")
				.param("t", this.tenant)
				.query(Long.class)
				.single() == 1);
		HttpResponse<String> refused = this.admin.post("/internal/v1/budgets/reservations",
				reservation(UUID.randomUUID()));
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.body()).contains("token-quota-exceeded");
	}

	@Test
	void anApiKeysBudgetLimitsThatKeyAndNotTheRestOfTheTenant() throws Exception {
		UUID key = keyOf(this.tenant);
		HttpResponse<String> set = this.admin.send("PUT", "/api/v1/budgets",
				this.json.writeValueAsString(Map.of("apiKeyId", key.toString(), "limitMicros", ESTIMATE * 3 / 2)));
		assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
		ServiceClient integration = new ServiceClient(this.port)
			.withBearer(TestTokens.sign((claims) -> claims.subject("apikey:" + key)
				.claim("tid", this.tenant.toString())
				.claim("roles", List.of("TENANT_MEMBER"))
				.claim("typ", "api-key")
				.claim("scope", "agents:run")));

		assertThat(integration.post("/internal/v1/budgets/reservations", reservation(UUID.randomUUID())).statusCode())
			.isEqualTo(201);
		HttpResponse<String> second = integration.post("/internal/v1/budgets/reservations",
				reservation(UUID.randomUUID()));
		assertThat(second.statusCode()).isEqualTo(402);
		assertThat(second.body()).contains("API key");
		// the tenant's own users are not limited by the key's budget
		assertThat(this.admin.post("/internal/v1/budgets/reservations", reservation(UUID.randomUUID())).statusCode())
			.isIn(200, 201);
	}

	@Test
	void onlyTheTenantsAdminsSetItsBudget() throws Exception {
		String body = this.json.writeValueAsString(Map.of("limitMicros", 5));
		assertThat(new ServiceClient(this.port).withBearer(TestTokens.user(this.tenant, "TENANT_MEMBER"))
			.send("PUT", "/api/v1/budgets", body)
			.statusCode()).isEqualTo(403);
		assertThat(
				this.admin
					.send("PUT", "/api/v1/budgets",
							this.json
								.writeValueAsString(Map.of("tenantId", UUID.randomUUID().toString(), "limitMicros", 5)))
					.statusCode())
			.isEqualTo(404);
		assertThat(this.admin.send("PUT", "/api/v1/budgets", this.json.writeValueAsString(Map.of("limitMicros", -1)))
			.statusCode()).isEqualTo(400);
		assertThat(this.jdbc.sql("select count(*) from budget where tenant_id = :t")
			.param("t", this.tenant)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aKeyOrTenantTheCallerMayNotSeeAnswers404AndNothingIsStored() throws Exception {
		UUID other = UUID.randomUUID();
		UUID theirKey = keyOf(other);
		for (UUID key : List.of(theirKey, UUID.randomUUID())) {
			HttpResponse<String> refused = this.admin.send("PUT", "/api/v1/budgets",
					this.json.writeValueAsString(Map.of("apiKeyId", key.toString(), "limitMicros", 5)));
			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(404);
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}
		// a partner admin names a tenant that is not one of its own, the platform one
		// that billing never heard of
		UUID partnerId = UUID.randomUUID();
		UUID own = UUID.randomUUID();
		this.events.deliver(List.of(
				this.events.usage(other, UUID.randomUUID(), UUID.randomUUID(), "simulator/sim-1", Instant.now(), 10,
						10),
				this.events.usage(own, partnerId, UUID.randomUUID(), "simulator/sim-1", Instant.now(), 10, 10)));
		ServiceClient partner = new ServiceClient(this.port).withBearer(TestTokens
			.sign((claims) -> claims.claim("pid", partnerId.toString()).claim("roles", List.of("PARTNER_ADMIN"))));
		assertThat(partner.get("/api/v1/budgets?tenantId=" + other).statusCode()).isEqualTo(404);
		assertThat(partner.get("/api/v1/budgets?tenantId=" + own).statusCode())
			.as("its own tenant's budgets are read by that tenant and the platform")
			.isEqualTo(403);
		assertThat(partner
			.send("PUT", "/api/v1/budgets",
					this.json.writeValueAsString(Map.of("tenantId", other.toString(), "limitMicros", 5)))
			.statusCode()).isEqualTo(404);
		assertThat(new ServiceClient(this.port).withBearer(TestTokens.platformAdmin())
			.send("PUT", "/api/v1/budgets",
					this.json.writeValueAsString(Map.of("tenantId", UUID.randomUUID().toString(), "limitMicros", 5)))
			.statusCode()).isEqualTo(404);
		assertThat(this.jdbc.sql("select count(*) from budget where tenant_id in (:t, :o)")
			.param("t", this.tenant)
			.param("o", other)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aKeysBudgetOutlivesTheKeyAndCanStillBeRemoved() throws Exception {
		UUID key = keyOf(this.tenant);
		assertThat(this.admin
			.send("PUT", "/api/v1/budgets",
					this.json.writeValueAsString(Map.of("apiKeyId", key.toString(), "limitMicros", 5)))
			.statusCode()).isEqualTo(200);
		// the key is revoked: auth-service no longer knows it
		AUTH.removeStubsByMetadata(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.key",
				com.github.tomakehurst.wiremock.client.WireMock.equalTo(key.toString())));
		assertThat(this.admin
			.send("PUT", "/api/v1/budgets",
					this.json.writeValueAsString(Map.of("apiKeyId", key.toString(), "limitMicros", 9)))
			.statusCode()).as("a new limit for a key that is gone").isEqualTo(404);
		assertThat(this.admin
			.send("PUT", "/api/v1/budgets", this.json.writeValueAsString(Map.of("apiKeyId", key.toString())))
			.statusCode()).as("removing its budget").isEqualTo(204);
		assertThat(this.admin
			.send("PUT", "/api/v1/budgets",
					this.json.writeValueAsString(Map.of("apiKeyId", UUID.randomUUID().toString())))
			.statusCode()).as("removing a budget that never was").isEqualTo(404);
	}

	// auth-service knows the key as this tenant's
	private static UUID keyOf(UUID tenant) {
		UUID key = UUID.randomUUID();
		AUTH.stubFor(
				get(urlEqualTo("/internal/v1/api-keys/" + key)).withMetadata(java.util.Map.of("key", key.toString()))
					.willReturn(okJson("{\"id\":\"" + key + "\",\"tenantId\":\"" + tenant + "\"}")));
		return key;
	}

	private String reservation(UUID run) {
		return this.json.writeValueAsString(Map.of("executionId", run.toString(), "calls", List.of(CALL)));
	}

	private long held() {
		return this.jdbc.sql("select coalesce(sum(amount_micros), 0) from budget_reservation where tenant_id = :t")
			.param("t", this.tenant)
			.query(Long.class)
			.single();
	}

	private long spentMicros() {
		return this.jdbc.sql("""
				select coalesce(sum(price_micros), 0) from monthly_spend
				where tenant_id = :t and api_key_id = '00000000-0000-0000-0000-000000000000'""")
			.param("t", this.tenant)
			.query(Long.class)
			.single();
	}

	private EventEnvelope usage(UUID execution, long in, long out) {
		return this.events.usage(this.tenant, null, execution, "simulator/sim-1", Instant.now(), in, out);
	}

	private void deliver(List<EventEnvelope> usage) {
		this.events.deliver(usage);
	}

	private void publish(String topic, String key, String type, Map<String, Object> data) {
		this.kafka.send(topic, key, this.codec.write(envelope(type, data))).join();
	}

	private EventEnvelope envelope(String type, Map<String, Object> data) {
		return new EventEnvelope(EventEnvelope.SPEC_VERSION, UUID.randomUUID(), type, "/test", Instant.now(),
				this.tenant, this.codec.tree(data));
	}

}
