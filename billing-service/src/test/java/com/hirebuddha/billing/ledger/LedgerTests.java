package com.hirebuddha.billing.ledger;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.hirebuddha.billing.UsageEvents;
import com.hirebuddha.commons.events.EventCodec;
import com.hirebuddha.commons.events.EventEnvelope;
import com.hirebuddha.commons.test.ServiceClient;
import com.hirebuddha.commons.test.ServiceTest;
import com.hirebuddha.commons.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The ledger through Kafka and HTTP against the real PostgreSQL: each usage event priced
 * once with the cards in force when it happened, rows nobody can change, corrections as
 * reversing rows, and every reader seeing only its own.
 */
@ServiceTest
class LedgerTests {

	private final KafkaTemplate<String, String> kafka;

	private final EventCodec codec;

	private final JdbcClient jdbc;

	private final JsonMapper json = JsonMapper.builder().build();

	private final ServiceClient platform;

	private final int port;

	private final UUID tenant = UUID.randomUUID();

	private final String sku = "test/model-" + UUID.randomUUID().toString().substring(0, 8);

	private final UsageEvents events;

	LedgerTests(KafkaTemplate<String, String> kafka, EventCodec codec, JdbcClient jdbc, @LocalServerPort int port) {
		this.kafka = kafka;
		this.codec = codec;
		this.jdbc = jdbc;
		this.port = port;
		this.platform = new ServiceClient(port).withBearer(TestTokens.platformAdmin());
		this.events = new UsageEvents(kafka, codec, jdbc);
	}

	@Test
	void theSameUsageEventDeliveredFiveTimesWritesOneRow() throws Exception {
		EventEnvelope usage = usage(UUID.randomUUID(), null, Instant.now(), 1000, 500);
		for (int i = 0; i < 5; i++) {
			send(usage);
		}
		EventEnvelope later = usage(UUID.randomUUID(), null, Instant.now(), 10, 10);
		send(later);

		await().atMost(Duration.ofSeconds(20)).until(() -> rows(later.id()) == 1);
		assertThat(rows(usage.id())).isEqualTo(1);
		assertThat(this.jdbc.sql("select entries from ledger_balance where tenant_id = :t")
			.param("t", this.tenant)
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void anEmbeddingCallOfIngestionIsPricedByItsSkusCard() throws Exception {
		// as ingestion-service publishes it (EmbeddingUsage): no run, embedding tokens
		// only
		Map<String, Object> data = new java.util.LinkedHashMap<>();
		data.put("tenantId", this.tenant.toString());
		data.put("partnerId", null);
		data.put("knowledgeBaseId", UUID.randomUUID().toString());
		data.put("documentId", UUID.randomUUID().toString());
		data.put("sku", "local/all-minilm-l6-v2-q");
		data.put("inputTokens", 0);
		data.put("outputTokens", 0);
		data.put("embeddingTokens", 2_000_000);
		data.put("chunks", 32);
		data.put("latencyMs", 40);
		data.put("listCostMicros", 0);
		data.put("simulated", false);
		data.put("occurredAt", Instant.now().toString());
		EventEnvelope embedding = new EventEnvelope(EventEnvelope.SPEC_VERSION, UUID.randomUUID(),
				"hirebuddha.usage.recorded.v1", "/ingestion-service", Instant.now(), this.tenant,
				this.codec.tree(data));
		this.events.deliver(List.of(embedding));
		// the seeded cost, 10,000 micro-USD per million embedding tokens, and the default
		// 20 %
		assertThat(amounts(embedding.id())).containsExactly(20_000L, 24_000L, 0L);
		assertThat(this.jdbc.sql("select embedding_tokens from ledger_entry where event_id = :id")
			.param("id", embedding.id())
			.query(Long.class)
			.single()).isEqualTo(2_000_000L);
	}

	@Test
	void theDatabaseRefusesToChangeOrDeleteLedgerRowsAndRateCardsEvenForTheServicesOwnRole() {
		send(usage(UUID.randomUUID(), null, Instant.now(), 1, 1));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> count("select count(*) from ledger_entry where tenant_id = :t") == 1);
		assertThat(this.jdbc.sql("select current_user").query(String.class).single()).isEqualTo("hb_billing");

		for (String statement : List.of("update ledger_entry set price_micros = 0 where tenant_id = :t",
				"delete from ledger_entry where tenant_id = :t", "truncate ledger_entry",
				"update rate_card set input_micros_per_million = 0 where created_by = 'seed' and :t is not null",
				"delete from rate_card where :t is null")) {
			assertThatExceptionOfType(DataAccessException.class).as(statement)
				.isThrownBy(() -> this.jdbc.sql(statement).param("t", this.tenant).update())
				.havingRootCause()
				.withMessageContaining("permission denied");
		}
		// the owner could grant itself the privileges back: the trigger still refuses
		// (and the failed block takes the grant back with it)
		for (String change : List.of("update ledger_entry set price_micros = 0", "delete from ledger_entry")) {
			assertThatExceptionOfType(DataAccessException.class).as(change)
				.isThrownBy(() -> this.jdbc
					.sql("do $$ begin grant update, delete on ledger_entry to current_user; " + change
							+ " where tenant_id = '" + this.tenant + "'; end $$")
					.update())
				.havingRootCause()
				.withMessageContaining("refused: its rows are never changed");
		}
		assertThat(count("select count(*) from ledger_entry where tenant_id = :t")).isEqualTo(1);
	}

	@Test
	void aPriceChangeAtNoonPricesUsageBeforeItAtTheOldRateAndAfterItAtTheNew() throws Exception {
		Instant noon = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
		putCard(Map.of("kind", "COST", "sku", this.sku, "inputMicrosPerMillion", 1_000_000, "outputMicrosPerMillion",
				2_000_000));
		putCard(Map.of("kind", "COST", "sku", this.sku, "inputMicrosPerMillion", 3_000_000, "outputMicrosPerMillion",
				4_000_000, "validFrom", noon.toString()));
		UUID partner = UUID.randomUUID();
		new ServiceClient(this.port).withBearer(partnerAdmin(partner))
			.send("PUT", "/api/v1/rate-cards",
					this.json.writeValueAsString(Map.of("kind", "PRICE", "sku", "*", "markupBps", 5000)));
		this.events.announcePartner(partner);
		putCard(Map.of("kind", "COMMISSION", "sku", "*", "partnerId", partner.toString(), "commissionBps", 1000));

		EventEnvelope before = usage(UUID.randomUUID(), partner, noon.minus(1, ChronoUnit.MINUTES), 1_000, 333);
		EventEnvelope after = usage(UUID.randomUUID(), partner, noon.plus(1, ChronoUnit.MINUTES), 1_000, 333);
		send(before);
		send(after);
		await().atMost(Duration.ofSeconds(20)).until(() -> rows(before.id()) == 1 && rows(after.id()) == 1);

		// 1,000 x 1 + 333 x 2 = 1,666 micro-units; +50 % = 2,499; 10 % of that = 249.9 ->
		// 250
		assertThat(amounts(before.id())).containsExactly(1_666L, 2_499L, 250L);
		// 1,000 x 3 + 333 x 4 = 4,332; +50 % = 6,498; 10 % = 649.8 -> 650
		assertThat(amounts(after.id())).containsExactly(4_332L, 6_498L, 650L);
	}

	@Test
	void aPriceCannotStartInThePastAndOnlyThePlatformSetsCostsAndCommissions() throws Exception {
		HttpResponse<String> past = this.platform.send("PUT", "/api/v1/rate-cards",
				this.json.writeValueAsString(Map.of("kind", "COST", "sku", this.sku, "inputMicrosPerMillion", 1,
						"outputMicrosPerMillion", 1, "validFrom", Instant.now().minusSeconds(60).toString())));
		assertThat(past.statusCode()).isEqualTo(422);
		assertThat(past.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(past.body()).contains("rate-card-in-the-past");

		UUID partner = UUID.randomUUID();
		ServiceClient partnerAdmin = new ServiceClient(this.port).withBearer(partnerAdmin(partner));
		assertThat(
				partnerAdmin
					.send("PUT", "/api/v1/rate-cards",
							this.json.writeValueAsString(Map.of("kind", "COST", "sku", this.sku,
									"inputMicrosPerMillion", 1, "outputMicrosPerMillion", 1)))
					.statusCode())
			.isEqualTo(403);
		assertThat(
				partnerAdmin
					.send("PUT", "/api/v1/rate-cards",
							this.json.writeValueAsString(Map.of("kind", "PRICE", "sku", "*", "markupBps", 100,
									"partnerId", UUID.randomUUID().toString())))
					.statusCode())
			.as("another partner is not the caller's to name")
			.isEqualTo(404);
		assertThat(new ServiceClient(this.port).withBearer(TestTokens.user(this.tenant, "TENANT_ADMIN"))
			.send("PUT", "/api/v1/rate-cards",
					this.json.writeValueAsString(Map.of("kind", "PRICE", "sku", "*", "markupBps", 100)))
			.statusCode()).isEqualTo(403);
		assertThat(this.platform
			.send("PUT", "/api/v1/rate-cards", this.json.writeValueAsString(Map.of("kind", "PRICE", "sku", this.sku,
					"markupBps", 100, "inputMicrosPerMillion", 5, "outputMicrosPerMillion", 5)))
			.statusCode()).isEqualTo(422);
		assertThat(count("select count(*) from rate_card where sku = :t", this.sku)).isZero();
	}

	@Test
	void aReversalNegatesARowOnceAndTheReconciliationFindsTheBooksBalanced() throws Exception {
		EventEnvelope usage = usage(UUID.randomUUID(), null, Instant.now(), 2_000, 100);
		send(usage);
		await().atMost(Duration.ofSeconds(20)).until(() -> rows(usage.id()) == 1);
		long id = this.jdbc.sql("select id from ledger_entry where event_id = :id")
			.param("id", usage.id())
			.query(Long.class)
			.single();

		String reason = this.json.writeValueAsString(Map.of("reason", "provider outage refund"));
		HttpResponse<String> reversed = this.platform.post("/api/v1/ledger/" + id + "/reversal", reason);
		assertThat(reversed.statusCode()).isEqualTo(201);
		JsonNode reversal = this.json.readTree(reversed.body());
		assertThat(reversal.path("kind").asString()).isEqualTo("REVERSAL");
		assertThat(reversal.path("priceMicros").asLong()).isNegative();
		assertThat(this.platform.post("/api/v1/ledger/" + id + "/reversal", reason).statusCode()).isEqualTo(409);
		assertThat(new ServiceClient(this.port).withBearer(TestTokens.user(this.tenant, "TENANT_ADMIN"))
			.post("/api/v1/ledger/" + id + "/reversal", reason)
			.statusCode()).isEqualTo(403);
		assertThat(this.jdbc.sql("select price_micros from ledger_balance where tenant_id = :t")
			.param("t", this.tenant)
			.query(Long.class)
			.single()).isZero();

		JsonNode report = this.json.readTree(this.platform.post("/api/v1/ledger/reconciliation", "").body());
		assertThat(report.path("mismatchedBalances").toString()).doesNotContain(this.tenant.toString());

		// a balance that drifted from its rows is found (and put back: the test database
		// is shared)
		this.jdbc.sql("update ledger_balance set price_micros = price_micros + 1 where tenant_id = :t")
			.param("t", this.tenant)
			.update();
		try {
			JsonNode drifted = this.json.readTree(this.platform.post("/api/v1/ledger/reconciliation", "").body());
			assertThat(drifted.path("ok").asBoolean()).isFalse();
			assertThat(drifted.path("mismatchedBalances").toString()).contains(this.tenant.toString());
		}
		finally {
			this.jdbc.sql("update ledger_balance set price_micros = price_micros - 1 where tenant_id = :t")
				.param("t", this.tenant)
				.update();
		}
	}

	@Test
	void aTenantSeesItsOwnRowsWithoutCostsAndAnotherTenantsIdAnswers404() throws Exception {
		EventEnvelope usage = usage(UUID.randomUUID(), null, Instant.now(), 100, 50);
		send(usage);
		UUID other = UUID.randomUUID();
		EventEnvelope othersUsage = usage(other, null, UUID.randomUUID(), Instant.now(), 100, 50);
		send(othersUsage);
		await().atMost(Duration.ofSeconds(20)).until(() -> rows(usage.id()) == 1 && rows(othersUsage.id()) == 1);

		ServiceClient tenantAdmin = new ServiceClient(this.port)
			.withBearer(TestTokens.user(this.tenant, "TENANT_ADMIN"));
		JsonNode page = this.json.readTree(tenantAdmin.get("/api/v1/ledger").body());
		assertThat(page.path("items")).hasSize(1);
		JsonNode row = page.path("items").get(0);
		assertThat(row.path("tenantId").asString()).isEqualTo(this.tenant.toString());
		assertThat(row.path("priceMicros").asLong()).isPositive();
		assertThat(row.has("costMicros") && !row.path("costMicros").isNull()).isFalse();
		assertThat(tenantAdmin.get("/api/v1/ledger?tenantId=" + other).statusCode()).isEqualTo(404);

		JsonNode byModel = this.json.readTree(tenantAdmin.get("/api/v1/usage?groupBy=model").body());
		assertThat(byModel.path("items")).hasSize(1);
		assertThat(byModel.path("items").get(0).path("key").asString()).isEqualTo(this.sku);
		assertThat(byModel.path("items").get(0).path("outputTokens").asLong()).isEqualTo(50);

		HttpResponse<String> csv = tenantAdmin.get("/api/v1/ledger?format=csv");
		assertThat(csv.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/csv"));
		assertThat(csv.body().lines()).hasSize(2).first().asString().doesNotContain("cost_micros");
		assertThat(csv.body()).doesNotContain(other.toString());

		JsonNode everyone = this.json.readTree(this.platform.get("/api/v1/ledger?tenantId=" + other).body());
		assertThat(everyone.path("items").get(0).path("costMicros").isNumber()).isTrue();
	}

	@Test
	void aTenantTheCallerMayNotSeeAnswers404InEveryFormat() throws Exception {
		UUID partner = UUID.randomUUID();
		UUID tenant = UUID.randomUUID();
		EventEnvelope usage = usage(tenant, partner, UUID.randomUUID(), Instant.now(), 100, 10);
		send(usage);
		await().atMost(Duration.ofSeconds(20)).until(() -> rows(usage.id()) == 1);
		ServiceClient own = new ServiceClient(this.port).withBearer(partnerAdmin(partner));
		ServiceClient stranger = new ServiceClient(this.port).withBearer(partnerAdmin(UUID.randomUUID()));
		ServiceClient otherTenant = new ServiceClient(this.port)
			.withBearer(TestTokens.user(this.tenant, "TENANT_ADMIN"));
		for (String path : List.of("/api/v1/ledger?tenantId=", "/api/v1/ledger?format=csv&tenantId=",
				"/api/v1/usage?tenantId=", "/api/v1/usage?format=csv&tenantId=", "/api/v1/invoices?tenantId=")) {
			assertThat(own.get(path + tenant).statusCode()).as("its partner reaches %s", path).isEqualTo(200);
			for (ServiceClient caller : List.of(stranger, otherTenant)) {
				HttpResponse<String> refused = caller.get(path + tenant);
				assertThat(refused.statusCode()).as(path).isEqualTo(404);
				assertThat(refused.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
				assertThat(this.json.readTree(refused.body()).path("type").asString()).endsWith("/not-found");
			}
			assertThat(this.platform.get(path + UUID.randomUUID()).statusCode()).as("an unknown tenant, %s", path)
				.isEqualTo(404);
		}
	}

	@Test
	void aPartnersEarningsAreTheSumsOfItsTenantsRowsToTheMicroUnit() throws Exception {
		UUID partner = UUID.randomUUID();
		new ServiceClient(this.port).withBearer(partnerAdmin(partner))
			.send("PUT", "/api/v1/rate-cards",
					this.json.writeValueAsString(Map.of("kind", "PRICE", "sku", "*", "markupBps", 3333)));
		this.events.announcePartner(partner);
		putCard(Map.of("kind", "COMMISSION", "sku", "*", "partnerId", partner.toString(), "commissionBps", 777));
		UUID second = UUID.randomUUID();
		List<EventEnvelope> events = List.of(usage(this.tenant, partner, UUID.randomUUID(), Instant.now(), 1_234, 567),
				usage(this.tenant, partner, UUID.randomUUID(), Instant.now(), 89, 1_011),
				usage(second, partner, UUID.randomUUID(), Instant.now(), 5_000, 3),
				usage(UUID.randomUUID(), null, UUID.randomUUID(), Instant.now(), 1_000, 1_000));
		events.forEach(this::send);
		await().atMost(Duration.ofSeconds(20)).until(() -> events.stream().allMatch((e) -> rows(e.id()) == 1));

		JsonNode report = this.json.readTree(new ServiceClient(this.port).withBearer(partnerAdmin(partner))
			.get("/api/v1/partners/" + partner + "/earnings?groupBy=tenant")
			.body());
		Map<String, Object> sums = this.jdbc.sql("""
				select sum(price_micros) as revenue, sum(cost_micros) as cost, sum(commission_micros) as commission
				from ledger_entry where partner_id = :p""").param("p", partner).query().singleRow();
		JsonNode total = report.path("total");
		assertThat(total.path("revenueMicros").asLong()).isEqualTo(((Number) sums.get("revenue")).longValue());
		assertThat(total.path("costMicros").asLong()).isEqualTo(((Number) sums.get("cost")).longValue());
		assertThat(total.path("commissionMicros").asLong()).isEqualTo(((Number) sums.get("commission")).longValue());
		assertThat(total.path("marginMicros").asLong()).isEqualTo(total.path("revenueMicros").asLong()
				- total.path("costMicros").asLong() - total.path("commissionMicros").asLong());
		assertThat(total.path("calls").asLong()).isEqualTo(3);
		assertThat(report.path("items")).hasSize(2);
		long perTenant = 0;
		for (JsonNode line : report.path("items")) {
			perTenant += line.path("revenueMicros").asLong();
		}
		assertThat(perTenant).isEqualTo(total.path("revenueMicros").asLong());

		assertThat(new ServiceClient(this.port).withBearer(partnerAdmin(UUID.randomUUID()))
			.get("/api/v1/partners/" + partner + "/earnings")
			.statusCode()).isEqualTo(404);
		assertThat(new ServiceClient(this.port).withBearer(TestTokens.user(this.tenant, "TENANT_ADMIN"))
			.get("/api/v1/partners/" + partner + "/earnings")
			.statusCode()).isEqualTo(404);
		assertThat(this.platform.get("/api/v1/partners/" + partner + "/earnings").statusCode()).isEqualTo(200);
	}

	private void putCard(Map<String, Object> card) throws Exception {
		HttpResponse<String> response = this.platform.send("PUT", "/api/v1/rate-cards",
				this.json.writeValueAsString(card));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

	private static String partnerAdmin(UUID partner) {
		return TestTokens
			.sign((claims) -> claims.claim("pid", partner.toString()).claim("roles", List.of("PARTNER_ADMIN")));
	}

	private EventEnvelope usage(UUID execution, UUID partner, Instant at, long in, long out) {
		return usage(this.tenant, partner, execution, at, in, out);
	}

	private EventEnvelope usage(UUID tenantId, UUID partner, UUID execution, Instant at, long in, long out) {
		return this.events.usage(tenantId, partner, execution, this.sku, at, in, out);
	}

	private void send(EventEnvelope envelope) {
		this.events.send(envelope);
	}

	private long rows(UUID eventId) {
		return this.events.rows(eventId);
	}

	private long count(String sql) {
		return count(sql, this.tenant);
	}

	private long count(String sql, Object param) {
		return this.jdbc.sql(sql).param("t", param).query(Long.class).single();
	}

	private List<Long> amounts(UUID eventId) {
		return this.jdbc
			.sql("select cost_micros, price_micros, commission_micros from ledger_entry where event_id = :id")
			.param("id", eventId)
			.query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
			.single();
	}

}
