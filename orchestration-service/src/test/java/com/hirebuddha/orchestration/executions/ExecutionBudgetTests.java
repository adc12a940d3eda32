package com.hirebuddha.orchestration.executions;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.hirebuddha.commons.events.EventCodec;
import com.hirebuddha.commons.events.EventEnvelope;
import com.hirebuddha.commons.events.Topics;
import com.hirebuddha.commons.test.ServiceClient;
import com.hirebuddha.commons.test.ServiceTest;
import com.hirebuddha.commons.test.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A tenant with a budget has each run reserved with billing-service before it is accepted
 * (billing is played by a WireMock server on loopback; the whole path with the real
 * billing-service runs in {@code make smoke}): a refusal is passed on as billing's 402
 * and nothing is stored, an unreachable billing refuses with 503, and a tenant without a
 * budget is not checked at all.
 */
@ServiceTest
class ExecutionBudgetTests {

	private static final WireMockServer BILLING = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	private final JsonMapper json = JsonMapper.builder().build();

	private final ServiceClient client;

	private final JdbcClient jdbc;

	private final KafkaTemplate<String, String> kafka;

	private final EventCodec codec;

	ExecutionBudgetTests(@LocalServerPort int port, JdbcClient jdbc, KafkaTemplate<String, String> kafka,
			EventCodec codec) {
		this.client = new ServiceClient(port);
		this.jdbc = jdbc;
		this.kafka = kafka;
		this.codec = codec;
	}

	@DynamicPropertySource
	static void billing(DynamicPropertyRegistry registry) {
		BILLING.start();
		registry.add("hb.orchestration.billing.url", BILLING::baseUrl);
	}

	@AfterAll
	static void stopBilling() {
		BILLING.stop();
	}

	@BeforeEach
	void reset() {
		BILLING.resetAll();
	}

	@Test
	void aTenantWithoutABudgetIsNotChecked() throws Exception {
		UUID tenant = UUID.randomUUID();
		ServiceClient member = member(tenant);
		String agent = agent(member);
		assertThat(
				member.post("/api/v1/agents/" + agent + "/executions", "{\"input\":{\"message\":\"hi\"}}").statusCode())
			.isEqualTo(202);
		BILLING.verify(0, postRequestedFor(urlEqualTo("/internal/v1/budgets/reservations")));
	}

	@Test
	void aBudgetedTenantsRunIsReservedWithTheCallersTokenAndARefusalStoresNothing() throws Exception {
		UUID tenant = UUID.randomUUID();
		String token = TestTokens.user(tenant, "TENANT_MEMBER");
		ServiceClient member = this.client.withBearer(token);
		String agent = agent(member);
		budgeted(tenant);

		BILLING.stubFor(post(urlEqualTo("/internal/v1/budgets/reservations"))
			.willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{}")));
		HttpResponse<String> accepted = member.post("/api/v1/agents/" + agent + "/executions",
				"{\"input\":{\"message\":\"hi\"}}");
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		String id = this.json.readTree(accepted.body()).path("id").asString();
		BILLING.verify(postRequestedFor(urlEqualTo("/internal/v1/budgets/reservations"))
			.withHeader("Authorization", equalTo("Bearer " + token))
			.withRequestBody(matchingJsonPath("$.executionId", equalTo(id)))
			.withRequestBody(matchingJsonPath("$.calls[0].sku", equalTo("simulator/sim-1")))
			.withRequestBody(matchingJsonPath("$.calls[0].outputTokens", equalTo("256"))));

		BILLING.stubFor(post(urlEqualTo("/internal/v1/budgets/reservations")).willReturn(aResponse().withStatus(402)
			.withHeader("Content-Type", "application/problem+json")
			.withHeader("Retry-After", "3600")
			.withBody("{\"type\":\"https://hirebuddha.dev/problems/budget-exceeded\",\"status\":402,"
					+ "\"detail\":\"The run would go over the tenant's monthly budget.\"}")));
		long before = executions(tenant);
		HttpResponse<String> refused = member.post("/api/v1/agents/" + agent + "/executions",
				"{\"input\":{\"message\":\"hi\"}}");
		assertThat(refused.statusCode()).isEqualTo(402);
		assertThat(refused.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("3600");
		JsonNode problem = this.json.readTree(refused.body());
		assertThat(problem.path("type").asString()).endsWith("/budget-exceeded");
		assertThat(problem.path("detail").asString()).contains("monthly budget");
		assertThat(executions(tenant)).isEqualTo(before);

		BILLING.stubFor(post(urlEqualTo("/internal/v1/budgets/reservations"))
			.willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
		HttpResponse<String> unavailable = member.post("/api/v1/agents/" + agent + "/executions",
				"{\"input\":{\"message\":\"hi\"}}");
		assertThat(unavailable.statusCode()).isEqualTo(503);
		assertThat(unavailable.body()).contains("budget-check-unavailable");
		assertThat(executions(tenant)).isEqualTo(before);
	}

	private void budgeted(UUID tenant) {
		EventEnvelope changed = new EventEnvelope(EventEnvelope.SPEC_VERSION, UUID.randomUUID(),
				BudgetedTenants.CHANGED_TYPE, "/billing-service", Instant.now(), tenant,
				this.codec.tree(Map.of("tenantId", tenant.toString(), "budgeted", true)));
		this.kafka.send(Topics.BILLING_EVENTS, tenant.toString(), this.codec.write(changed)).join();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.jdbc.sql("select count(*) from budgeted_tenant where tenant_id = :t and budgeted")
				.param("t", tenant)
				.query(Long.class)
				.single() == 1);
	}

	private long executions(UUID tenant) {
		return this.jdbc.sql("select count(*) from execution where tenant_id = :t")
			.param("t", tenant)
			.query(Long.class)
			.single();
	}

	private String agent(ServiceClient member) throws Exception {
		HttpResponse<String> created = member.post("/api/v1/agents",
				"{\"name\":\"Budgeted\",\"systemPrompt\":\"p\",\"model\":{\"provider\":\"simulator\",\"name\":\"sim-1\","
						+ "\"maxTokens\":256}}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return this.json.readTree(created.body()).path("id").asString();
	}

	private ServiceClient member(UUID tenant) {
		return this.client.withBearer(TestTokens.user(tenant, "TENANT_MEMBER"));
	}

}
