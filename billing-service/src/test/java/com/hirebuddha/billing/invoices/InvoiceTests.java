package com.hirebuddha.billing.invoices;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
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

/**
 * Invoices from the ledger: lines equal to the ledger's sums for the month, numbers
 * without gaps per issuer, nothing changed once issued, a late row billed on the next
 * invoice, and a PDF only its tenant (and the platform) can fetch.
 */
@ServiceTest
class InvoiceTests {

	private final KafkaTemplate<String, String> kafka;

	private final EventCodec codec;

	private final JdbcClient jdbc;

	private final JsonMapper json = JsonMapper.builder().build();

	private final UsageEvents events;

	private final int port;

	private final ServiceClient platform;

	private final UUID partner = UUID.randomUUID();

	private final YearMonth lastMonth = YearMonth.now(ZoneOffset.UTC).minusMonths(1);

	private final YearMonth monthBefore = this.lastMonth.minusMonths(1);

	InvoiceTests(KafkaTemplate<String, String> kafka, EventCodec codec, JdbcClient jdbc, @LocalServerPort int port) {
		this.kafka = kafka;
		this.codec = codec;
		this.jdbc = jdbc;
		this.port = port;
		this.platform = new ServiceClient(port).withBearer(TestTokens.platformAdmin());
		this.events = new UsageEvents(kafka, codec, jdbc);
	}

	@Test
	void anIssuedInvoiceHoldsTheLedgerSumsOfItsMonthIsNumberedWithoutGapsAndNeverChanges() throws Exception {
		UUID tenant = UUID.randomUUID();
		UUID second = UUID.randomUUID();
		List<EventEnvelope> events = List.of(usage(tenant, "simulator/sim-1", day(this.lastMonth, 3), 1_000, 200),
				usage(tenant, "simulator/sim-1", day(this.lastMonth, 20), 3_000, 50),
				usage(tenant, "openai/gpt-4.1", day(this.lastMonth, 28), 500, 500),
				usage(tenant, "openai/gpt-4.1", Instant.now(), 9_999, 9_999),
				usage(second, "simulator/sim-1", day(this.lastMonth, 5), 10, 10));
		deliver(events);

		HttpResponse<String> issued = issue(tenant, this.lastMonth);
		assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
		JsonNode invoice = this.json.readTree(issued.body());
		Map<String, Object> ledger = this.jdbc.sql("""
				select count(*) as calls, sum(price_micros) as total from ledger_entry
				where tenant_id = :t and occurred_at >= :from and occurred_at < :to""")
			.param("t", tenant)
			.param("from", java.sql.Timestamp.from(day(this.lastMonth, 1)))
			.param("to", java.sql.Timestamp.from(day(this.lastMonth.plusMonths(1), 1)))
			.query()
			.singleRow();
		assertThat(invoice.path("totalMicros").asLong()).isEqualTo(((Number) ledger.get("total")).longValue());
		assertThat(invoice.path("calls").asLong()).isEqualTo(3);
		assertThat(invoice.path("lines")).hasSize(2);
		assertThat(invoice.path("lines").get(0).path("sku").asString()).isEqualTo("openai/gpt-4.1");
		assertThat(invoice.path("lines").get(1).path("inputTokens").asLong()).isEqualTo(4_000);
		assertThat(invoice.path("period").asString()).isEqualTo(this.lastMonth.toString());

		// again: the same invoice, nothing new
		HttpResponse<String> again = issue(tenant, this.lastMonth);
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(again.body()).path("id").asString()).isEqualTo(invoice.path("id").asString());

		// the partner's series: the next tenant's invoice takes the next number
		JsonNode next = this.json.readTree(issue(second, this.lastMonth).body());
		assertThat(next.path("number").asString())
			.startsWith("P" + this.partner.toString().substring(0, 8).toUpperCase());
		assertThat(sequence(next)).isEqualTo(sequence(invoice) + 1);

		assertThat(issue(tenant, YearMonth.now(ZoneOffset.UTC)).statusCode()).isEqualTo(422);
		for (String change : List.of("update invoice set total_micros = 0 where id = :id",
				"delete from invoice where id = :id", "delete from invoice_line where invoice_id = :id")) {
			assertThatExceptionOfType(DataAccessException.class).as(change)
				.isThrownBy(() -> this.jdbc.sql(change)
					.param("id", UUID.fromString(invoice.path("id").asString()))
					.update())
				.havingRootCause()
				.withMessageContaining("permission denied");
		}
	}

	@Test
	void aRowThatArrivesAfterItsMonthWasInvoicedIsBilledOnTheNextInvoice() throws Exception {
		UUID tenant = UUID.randomUUID();
		deliver(List.of(usage(tenant, "simulator/sim-1", day(this.monthBefore, 10), 100, 100)));
		JsonNode first = this.json.readTree(issue(tenant, this.monthBefore).body());
		assertThat(first.path("calls").asLong()).isEqualTo(1);

		EventEnvelope late = usage(tenant, "simulator/sim-1", day(this.monthBefore, 27), 7, 7);
		EventEnvelope current = usage(tenant, "simulator/sim-1", day(this.lastMonth, 2), 1_000, 1_000);
		deliver(List.of(late, current));
		JsonNode second = this.json.readTree(issue(tenant, this.lastMonth).body());
		assertThat(second.path("calls").asLong()).isEqualTo(2);
		long billed = first.path("totalMicros").asLong() + second.path("totalMicros").asLong();
		long ledger = this.jdbc.sql("select sum(price_micros) from ledger_entry where tenant_id = :t")
			.param("t", tenant)
			.query(Long.class)
			.single();
		assertThat(billed).isEqualTo(ledger);
		assertThat(issue(tenant, this.monthBefore).statusCode()).isEqualTo(200);
	}

	@Test
	void aTenantDownloadsItsInvoiceAsPdfAndAnotherTenantGets404() throws Exception {
		UUID tenant = UUID.randomUUID();
		deliver(List.of(usage(tenant, "simulator/sim-1", day(this.lastMonth, 9), 4_000, 2_000)));
		String id = this.json.readTree(issue(tenant, this.lastMonth).body()).path("id").asString();

		ServiceClient owner = new ServiceClient(this.port).withBearer(TestTokens.user(tenant, "TENANT_ADMIN"));
		HttpResponse<String> pdf = owner.get("/api/v1/invoices/" + id + "/pdf");
		assertThat(pdf.statusCode()).isEqualTo(200);
		assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
		assertThat(pdf.body().getBytes(StandardCharsets.ISO_8859_1))
			.startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
		assertThat(this.json.readTree(owner.get("/api/v1/invoices").body()).path("items")).hasSize(1);

		ServiceClient stranger = new ServiceClient(this.port)
			.withBearer(TestTokens.user(UUID.randomUUID(), "TENANT_ADMIN"));
		assertThat(stranger.get("/api/v1/invoices/" + id).statusCode()).isEqualTo(404);
		assertThat(stranger.get("/api/v1/invoices/" + id + "/pdf").statusCode()).isEqualTo(404);
		assertThat(
				stranger
					.post("/api/v1/invoices",
							this.json.writeValueAsString(
									Map.of("tenantId", tenant.toString(), "period", this.lastMonth.toString())))
					.statusCode())
			.isEqualTo(404);
	}

	private HttpResponse<String> issue(UUID tenant, YearMonth period) throws Exception {
		return this.platform.post("/api/v1/invoices",
				this.json.writeValueAsString(Map.of("tenantId", tenant.toString(), "period", period.toString())));
	}

	private static long sequence(JsonNode invoice) {
		String number = invoice.path("number").asString();
		return Long.parseLong(number.substring(number.lastIndexOf('-') + 1));
	}

	private static Instant day(YearMonth month, int day) {
		return month.atDay(day).atTime(12, 0).toInstant(ZoneOffset.UTC);
	}

	private void deliver(List<EventEnvelope> events) {
		this.events.deliver(events);
	}

	private EventEnvelope usage(UUID tenant, String sku, Instant at, long in, long out) {
		return this.events.usage(tenant, this.partner, UUID.randomUUID(), sku, at, in, out);
	}

}
