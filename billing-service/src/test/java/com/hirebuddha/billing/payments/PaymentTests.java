package com.hirebuddha.billing.payments;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.hirebuddha.billing.UsageEvents;
import com.hirebuddha.commons.events.EventCodec;
import com.hirebuddha.commons.events.Topics;
import com.hirebuddha.commons.test.ServiceClient;
import com.hirebuddha.commons.test.ServiceTest;
import com.hirebuddha.commons.test.TestTokens;
import com.hirebuddha.commons.test.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Payments and dunning against a WireMock stand-in for Stripe's API on loopback: a card
 * pays the outstanding amount once, a declined card records nothing, and an overdue
 * invoice is reminded, gets its tenant suspended by policy, and paying it asks for
 * reactivation.
 */
@ServiceTest
class PaymentTests {

	private static final WireMockServer STRIPE = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	private final KafkaTemplate<String, String> kafka;

	private final EventCodec codec;

	private final JdbcClient jdbc;

	private final Dunning dunning;

	private final String brokers;

	private final JsonMapper json = JsonMapper.builder().build();

	private final int port;

	private final ServiceClient platform;

	private final UUID tenant = UUID.randomUUID();

	private final ServiceClient owner;

	PaymentTests(KafkaTemplate<String, String> kafka, EventCodec codec, JdbcClient jdbc, Dunning dunning,
			@LocalServerPort int port, @Value("${spring.kafka.bootstrap-servers}") String brokers) {
		this.kafka = kafka;
		this.codec = codec;
		this.jdbc = jdbc;
		this.dunning = dunning;
		this.port = port;
		this.brokers = brokers;
		this.platform = new ServiceClient(port).withBearer(TestTokens.platformAdmin());
		this.owner = new ServiceClient(port).withBearer(TestTokens.user(this.tenant, "TENANT_ADMIN"));
	}

	@DynamicPropertySource
	static void stripe(DynamicPropertyRegistry registry) {
		STRIPE.start();
		registry.add("hb.billing.stripe.base-url", STRIPE::baseUrl);
		registry.add("hb.billing.stripe.secret-key", () -> "sk_test_hirebuddha");
	}

	@AfterAll
	static void stopStripe() {
		STRIPE.stop();
	}

	@BeforeEach
	void reset() {
		STRIPE.resetAll();
	}

	@Test
	void aCardPaysTheOutstandingAmountOnceThroughStripe() throws Exception {
		JsonNode invoice = invoice(1_234_567, 89_012);
		long due = invoice.path("amountDueMicros").asLong();
		assertThat(due % 10_000).isZero();
		STRIPE.stubFor(post(urlEqualTo("/v1/payment_intents"))
			.withHeader("Authorization", equalTo("Bearer sk_test_hirebuddha"))
			.withHeader("Idempotency-Key", matching("[0-9a-f-]{36}"))
			.withRequestBody(containing("amount=" + due / 10_000))
			.withRequestBody(containing("currency=usd"))
			.withRequestBody(containing("payment_method=pm_card_visa"))
			.withRequestBody(containing("confirm=true"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"id\":\"pi_" + UUID.randomUUID().toString().substring(0, 8)
						+ "\",\"object\":\"payment_intent\",\"status\":\"succeeded\",\"amount_received\":"
						+ due / 10_000 + "}")));
		String path = "/api/v1/invoices/" + invoice.path("id").asString() + "/payments";
		try (TopicProbe billing = new TopicProbe(this.brokers, Topics.BILLING_EVENTS)) {
			HttpResponse<String> paid = this.owner.post(path,
					"{\"method\":\"card\",\"paymentMethodId\":\"pm_card_visa\"}");
			assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
			assertThat(this.json.readTree(paid.body()).path("amountMicros").asLong()).isEqualTo(due);
			assertThat(billing.await(
					(r) -> r.value().contains(Payments.PAID_TYPE) && r.value().contains(invoice.path("id").asString()),
					1, Duration.ofSeconds(10)))
				.hasSize(1);
		}
		JsonNode after = this.json.readTree(this.owner.get("/api/v1/invoices/" + invoice.path("id").asString()).body());
		assertThat(after.path("status").asString()).isEqualTo("PAID");
		assertThat(after.path("paidMicros").asLong()).isEqualTo(due);
		assertThat(this.owner.post(path, "{\"method\":\"card\",\"paymentMethodId\":\"pm_card_visa\"}").statusCode())
			.isEqualTo(409);
		STRIPE.verify(1, postRequestedFor(urlEqualTo("/v1/payment_intents")));
	}

	@Test
	void aDeclinedCardRecordsNothing() throws Exception {
		JsonNode invoice = invoice(500_000, 500_000);
		STRIPE.stubFor(post(urlEqualTo("/v1/payment_intents")).willReturn(aResponse().withStatus(402)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"type\":\"card_error\",\"code\":\"card_declined\","
					+ "\"decline_code\":\"insufficient_funds\",\"message\":\"Your card has insufficient funds.\"}}")));
		HttpResponse<String> declined = this.owner.post(
				"/api/v1/invoices/" + invoice.path("id").asString() + "/payments",
				"{\"method\":\"card\",\"paymentMethodId\":\"pm_card_chargeDeclined\"}");
		assertThat(declined.statusCode()).isEqualTo(402);
		assertThat(declined.body()).contains("payment-declined").contains("insufficient funds");
		assertThat(this.jdbc.sql("select count(*) from payment where tenant_id = :t")
			.param("t", this.tenant)
			.query(Long.class)
			.single()).isZero();

		// another card after the decline is a new charge (its own idempotency key), and
		// pays
		STRIPE
			.stubFor(post(urlEqualTo("/v1/payment_intents")).withRequestBody(containing("payment_method=pm_card_visa"))
				.willReturn(aResponse().withHeader("Content-Type", "application/json")
					.withBody("{\"id\":\"pi_" + UUID.randomUUID().toString().substring(0, 8)
							+ "\",\"status\":\"succeeded\",\"amount_received\":"
							+ invoice.path("amountDueMicros").asLong() / 10_000 + "}")));
		assertThat(this.owner
			.post("/api/v1/invoices/" + invoice.path("id").asString() + "/payments",
					"{\"method\":\"card\",\"paymentMethodId\":\"pm_card_visa\"}")
			.statusCode()).isEqualTo(201);
		List<String> keys = STRIPE.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents")))
			.stream()
			.map((request) -> request.getHeader("Idempotency-Key"))
			.toList();
		assertThat(keys).hasSize(2).doesNotHaveDuplicates();
	}

	@Test
	void aRecordedTransferSentTwiceIsRecordedOnceAndMustBeWholeCents() throws Exception {
		JsonNode invoice = invoice(3_000_000, 3_000_000);
		String path = "/api/v1/invoices/" + invoice.path("id").asString() + "/payments";
		String half = this.json.writeValueAsString(Map.of("method", "manual", "amountMicros",
				invoice.path("amountDueMicros").asLong() / 20_000 * 10_000, "reference", "transfer 77"));
		assertThat(this.platform.post(path, half).statusCode()).isEqualTo(201);
		assertThat(this.platform.post(path, half).statusCode()).isEqualTo(201);
		assertThat(this.jdbc.sql("select count(*) from payment where invoice_id = :i")
			.param("i", UUID.fromString(invoice.path("id").asString()))
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.platform
			.post(path,
					this.json.writeValueAsString(
							Map.of("method", "manual", "amountMicros", 12_345, "reference", "transfer 78")))
			.statusCode()).isEqualTo(422);
	}

	@Test
	void anOverdueInvoiceIsRemindedGetsItsTenantSuspendedAndPayingAsksForReactivation() throws Exception {
		JsonNode invoice = invoice(2_000_000, 1_000_000);
		String id = invoice.path("id").asString();
		Instant dueAt = Instant.parse(invoice.path("dueAt").asString());
		try (TopicProbe billing = new TopicProbe(this.brokers, Topics.BILLING_EVENTS)) {
			this.dunning.run(dueAt.plus(Duration.ofDays(8)));
			this.dunning.run(dueAt.plus(Duration.ofDays(22)));
			this.dunning.run(dueAt.plus(Duration.ofDays(23)));
			List<JsonNode> events = billing
				.await((r) -> r.value().contains(id) && !r.value().contains(Payments.PAID_TYPE), 4,
						Duration.ofSeconds(10))
				.stream()
				.map((r) -> this.codec.read(r.value()).data())
				.toList();
			assertThat(events)
				.extracting((e) -> e.has("reminder") ? "reminder-" + e.path("reminder").asInt()
						: e.path("reasonCode").asString())
				.containsExactlyInAnyOrder("reminder-1", "reminder-2", "reminder-3", "PAYMENT_OVERDUE");

			HttpResponse<String> transfer = this.platform.post("/api/v1/invoices/" + id + "/payments",
					this.json.writeValueAsString(Map.of("method", "manual", "amountMicros",
							invoice.path("amountDueMicros").asLong(), "reference", "bank transfer 2026-12-03")));
			assertThat(transfer.statusCode()).as(transfer.body()).isEqualTo(201);
			assertThat(billing.await(
					(r) -> r.value().contains(Payments.REACTIVATION_TYPE) && r.value().contains(this.tenant.toString()),
					1, Duration.ofSeconds(10)))
				.hasSize(1);
		}
		assertThat(this.owner
			.post("/api/v1/invoices/" + id + "/payments",
					"{\"method\":\"manual\",\"amountMicros\":5,\"reference\":\"self-declared\"}")
			.statusCode()).isIn(403, 409);
	}

	private JsonNode invoice(long in, long out) throws Exception {
		YearMonth lastMonth = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
		UsageEvents events = new UsageEvents(this.kafka, this.codec, this.jdbc);
		events.deliver(List.of(events.usage(this.tenant, null, UUID.randomUUID(), "simulator/sim-1",
				lastMonth.atDay(10).atTime(9, 0).toInstant(ZoneOffset.UTC), in, out)));
		HttpResponse<String> issued = this.platform.post("/api/v1/invoices", this.json
			.writeValueAsString(Map.of("tenantId", this.tenant.toString(), "period", lastMonth.toString())));
		assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
		return this.json.readTree(issued.body());
	}

}
