package com.hirebuddha.billing;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.hirebuddha.commons.events.EventCodec;
import com.hirebuddha.commons.events.EventEnvelope;
import com.hirebuddha.commons.events.Topics;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import static org.awaitility.Awaitility.await;

/**
 * Usage events as the worker publishes them, for billing's tests, and their delivery
 * through Kafka until the ledger has priced them.
 *
 * @param kafka the test's producer
 * @param codec the event codec
 * @param jdbc billing's database
 */
public record UsageEvents(KafkaTemplate<String, String> kafka, EventCodec codec, JdbcClient jdbc) {

	/**
	 * One provider call's usage event.
	 * @param tenant the tenant
	 * @param partner its partner, if any
	 * @param execution the run
	 * @param sku the model SKU
	 * @param at when the call ended
	 * @param in input tokens
	 * @param out output tokens
	 * @return the event
	 */
	public EventEnvelope usage(UUID tenant, @Nullable UUID partner, UUID execution, String sku, Instant at, long in,
			long out) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("executionId", execution.toString());
		data.put("nodeId", "agent");
		data.put("attempt", 1);
		data.put("tenantId", tenant.toString());
		data.put("partnerId", (partner != null) ? partner.toString() : null);
		data.put("agentId", UUID.randomUUID().toString());
		data.put("agentVersion", 1);
		data.put("sku", sku);
		data.put("inputTokens", in);
		data.put("outputTokens", out);
		data.put("latencyMs", 12);
		data.put("listCostMicros", 7);
		data.put("simulated", sku.startsWith("simulator/"));
		data.put("occurredAt", at.toString());
		return new EventEnvelope(EventEnvelope.SPEC_VERSION, UUID.randomUUID(), "hirebuddha.usage.recorded.v1",
				"/worker-service", Instant.now(), tenant, this.codec.tree(data));
	}

	/**
	 * Publishes an event on {@code usage.recorded}, keyed by its tenant.
	 * @param event the event
	 */
	public void send(EventEnvelope event) {
		this.kafka.send(Topics.USAGE_RECORDED, String.valueOf(event.tenantId()), this.codec.write(event)).join();
	}

	/**
	 * Publishes events and waits until each has its ledger row.
	 * @param events the events
	 */
	public void deliver(List<EventEnvelope> events) {
		events.forEach(this::send);
		await().atMost(Duration.ofSeconds(20)).until(() -> events.stream().allMatch((event) -> rows(event.id()) == 1));
	}

	/**
	 * How many ledger rows an event has.
	 * @param eventId the event
	 * @return 0 or 1
	 */
	public long rows(UUID eventId) {
		return this.jdbc.sql("select count(*) from ledger_entry where event_id = :id")
			.param("id", eventId)
			.query(Long.class)
			.single();
	}

	/**
	 * Announces a partner on {@code tenant.events}, as tenant-service does when the
	 * platform creates it, and waits until billing's directory knows it.
	 * @param partner the partner
	 */
	public void announcePartner(UUID partner) {
		Map<String, Object> data = Map.of("partnerId", partner.toString(), "name", "Partner " + partner, "createdAt",
				Instant.now().toString());
		EventEnvelope event = new EventEnvelope(EventEnvelope.SPEC_VERSION, UUID.randomUUID(),
				"hirebuddha.partner.created.v1", "/tenant-service", Instant.now(), null, this.codec.tree(data));
		this.kafka.send(Topics.TENANT_EVENTS, partner.toString(), this.codec.write(event)).join();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.jdbc.sql("select count(*) from partner_directory where partner_id = :id")
				.param("id", partner)
				.query(Long.class)
				.single() == 1);
	}

}
