package com.hirebuddha.commons.inbox;

import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Remembers which events a consumer has processed; the check and the consumer's own
 * writes share one transaction, so an event takes effect exactly once however often Kafka
 * delivers it.
 */
public class Inbox {

	private final JdbcClient jdbc;

	private final MeterRegistry meters;

	public Inbox(JdbcClient jdbc, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.meters = meters;
	}

	/**
	 * Claims an event for a consumer. Call it first in the transaction that applies the
	 * event and skip the event when it answers {@code false}.
	 * @param consumer the consumer's stable name, for example {@code billing-accounts}
	 * @param eventId the envelope id
	 * @return {@code true} the first time this consumer sees the event
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean firstDelivery(String consumer, UUID eventId) {
		int inserted = this.jdbc.sql("""
				insert into inbox_event (consumer, event_id) values (:consumer, :eventId)
				on conflict do nothing
				""").param("consumer", consumer).param("eventId", eventId).update();
		if (inserted == 0) {
			Counter.builder("hb.inbox.duplicates")
				.description("Redelivered events skipped by the inbox")
				.tag("consumer", consumer)
				.register(this.meters)
				.increment();
		}
		return inserted == 1;
	}

}
