package com.hirebuddha.tenant.tenants;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.hirebuddha.commons.events.EventCodec;
import com.hirebuddha.commons.events.EventEnvelope;
import com.hirebuddha.commons.events.Topics;
import com.hirebuddha.commons.test.ServiceClient;
import com.hirebuddha.commons.test.ServiceTest;
import com.hirebuddha.commons.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Billing's dunning policy reaches tenants through {@code billing.events}: an overdue
 * invoice suspends the tenant with reason {@code PAYMENT_OVERDUE}, paying reactivates it,
 * and a suspension an admin chose is not lifted by a payment.
 */
@ServiceTest
class BillingPolicyTests {

	private final KafkaTemplate<String, String> kafka;

	private final EventCodec codec;

	private final ServiceClient platform;

	private final JsonMapper json = JsonMapper.builder().build();

	BillingPolicyTests(KafkaTemplate<String, String> kafka, EventCodec codec, @LocalServerPort int port) {
		this.kafka = kafka;
		this.codec = codec;
		this.platform = new ServiceClient(port).withBearer(TestTokens.platformAdmin());
	}

	@Test
	void anOverdueInvoiceSuspendsTheTenantAndPayingReactivatesIt() throws Exception {
		String tenant = create("Late Payer");
		send(BillingPolicyListener.SUSPENSION_TYPE, tenant, "Invoice HB-000042 is 21 days overdue.");
		await().atMost(Duration.ofSeconds(20)).until(() -> "SUSPENDED".equals(status(tenant)));
		assertThat(this.json.readTree(this.platform.get("/api/v1/tenants/" + tenant).body()).toString())
			.contains("21 days overdue");

		send(BillingPolicyListener.REACTIVATION_TYPE, tenant, "Invoice HB-000042 was paid.");
		await().atMost(Duration.ofSeconds(20)).until(() -> "ACTIVE".equals(status(tenant)));
	}

	@Test
	void aPaymentDoesNotLiftASuspensionAnAdminChose() throws Exception {
		String tenant = create("Suspended By Hand");
		assertThat(this.platform.post("/api/v1/tenants/" + tenant + "/suspend", "{\"reason\":\"abuse report\"}")
			.statusCode()).isEqualTo(200);
		send(BillingPolicyListener.REACTIVATION_TYPE, tenant, "Invoice HB-000043 was paid.");
		String marker = create("Marker");
		send(BillingPolicyListener.SUSPENSION_TYPE, marker, "marker");
		// events of the same partition are applied in order: once the marker is applied,
		// the reactivation request before it was too
		await().atMost(Duration.ofSeconds(20)).until(() -> "SUSPENDED".equals(status(marker)));
		assertThat(status(tenant)).isEqualTo("SUSPENDED");
	}

	private String create(String name) throws Exception {
		return this.json
			.readTree(
					this.platform
						.post("/api/v1/tenants",
								"{\"name\":\"" + name + " " + UUID.randomUUID().toString().substring(0, 6) + "\"}")
						.body())
			.path("id")
			.asString();
	}

	private String status(String tenant) throws Exception {
		return this.json.readTree(this.platform.get("/api/v1/tenants/" + tenant).body()).path("status").asString();
	}

	private void send(String type, String tenant, String reason) {
		EventEnvelope envelope = new EventEnvelope(EventEnvelope.SPEC_VERSION, UUID.randomUUID(), type,
				"/billing-service", Instant.now(), UUID.fromString(tenant),
				this.codec.tree(Map.of("tenantId", tenant, "reasonCode", "PAYMENT_OVERDUE", "reason", reason)));
		this.kafka.send(Topics.BILLING_EVENTS, "same-partition", this.codec.write(envelope)).join();
	}

}
