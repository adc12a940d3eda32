package com.hirebuddha.billing.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.hirebuddha.commons.events.EventCodec;
import com.hirebuddha.commons.events.EventEnvelope;
import com.hirebuddha.commons.events.Topics;
import com.hirebuddha.commons.test.ServiceTest;
import com.hirebuddha.commons.test.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * billing-service opens exactly one account per created tenant, however often Kafka
 * delivers the event, and parks records it can never process on the dead-letter topic.
 */
@ServiceTest
class TenantEventsListenerTests {

	private final KafkaTemplate<String, String> kafka;

	private final EventCodec codec;

	private final JsonMapper json;

	private final JdbcClient jdbc;

	private final BillingAccounts accounts;

	private final MeterRegistry meters;

	private final String bootstrapServers;

	TenantEventsListenerTests(KafkaTemplate<String, String> kafka, EventCodec codec, JsonMapper json, JdbcClient jdbc,
			BillingAccounts accounts, MeterRegistry meters,
			@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
		this.kafka = kafka;
		this.codec = codec;
		this.json = json;
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.meters = meters;
		this.bootstrapServers = bootstrapServers;
	}

	@Test
	void duplicateDeliveriesOpenOneAccount() throws Exception {
		UUID tenantId = UUID.randomUUID();
		EventEnvelope created = tenantCreated(UUID.randomUUID(), tenantId, "Globex");
		EventEnvelope replayed = tenantCreated(UUID.randomUUID(), tenantId, "Globex renamed");
		for (int i = 0; i < 5; i++) {
			send(created);
		}
		send(replayed);

		await().atMost(Duration.ofSeconds(20)).until(() -> processed(replayed.id()));
		assertThat(processed(created.id())).isTrue();
		assertThat(count("select count(*) from billing_account where tenant_id = :id", tenantId)).isEqualTo(1);
		assertThat(count("select count(*) from inbox_event where event_id = :id", created.id())).isEqualTo(1);
		assertThat(this.accounts.find(tenantId)).hasValueSatisfying((account) -> {
			assertThat(account.tenantName()).isEqualTo("Globex");
			assertThat(account.currency()).isEqualTo("USD");
		});
		assertThat(this.meters.counter("hb.inbox.duplicates", "consumer", BillingAccounts.CONSUMER).count())
			.isGreaterThanOrEqualTo(4);
	}

	@Test
	void otherEventTypesOpenNothing() throws Exception {
		UUID tenantId = UUID.randomUUID();
		EventEnvelope suspended = new EventEnvelope(EventEnvelope.SPEC_VERSION, UUID.randomUUID(),
				"hirebuddha.tenant.suspended.v1", "/tenant-service", Instant.now(), tenantId,
				this.json.valueToTree(Map.of("tenantId", tenantId, "reason", "MANUAL")));
		EventEnvelope marker = tenantCreated(UUID.randomUUID(), UUID.randomUUID(), "Marker");
		send(suspended);
		send(marker);
		await().atMost(Duration.ofSeconds(20)).until(() -> processed(marker.id()));
		assertThat(this.accounts.find(tenantId)).isEmpty();
	}

	@Test
	void poisonMessageIsParkedOnTheDeadLetterTopic() {
		String key = "poison-" + UUID.randomUUID();
		this.kafka.send(Topics.TENANT_EVENTS, key, "{ this is not an event").join();
		try (TopicProbe probe = new TopicProbe(this.bootstrapServers, Topics.deadLetter(Topics.TENANT_EVENTS))) {
			assertThat(probe.await((r) -> key.equals(r.key()), 1, Duration.ofSeconds(20))).hasSize(1);
		}
		assertThat(this.meters.counter("hb.kafka.dead.letters", "topic", Topics.TENANT_EVENTS).count())
			.isGreaterThanOrEqualTo(1);
	}

	private EventEnvelope tenantCreated(UUID eventId, UUID tenantId, String name) {
		return new EventEnvelope(EventEnvelope.SPEC_VERSION, eventId, TenantCreated.TYPE, "/tenant-service",
				Instant.now(), tenantId, this.json.valueToTree(Map.of("tenantId", tenantId, "name", name, "status",
						"ACTIVE", "createdAt", Instant.now().toString())));
	}

	private void send(EventEnvelope envelope) throws Exception {
		this.kafka.send(Topics.TENANT_EVENTS, envelope.tenantId().toString(), this.codec.write(envelope)).get();
	}

	private boolean processed(UUID eventId) {
		return count("select count(*) from inbox_event where event_id = :id", eventId) > 0;
	}

	private long count(String sql, UUID id) {
		return this.jdbc.sql(sql).param("id", id).query(Long.class).single();
	}

}
