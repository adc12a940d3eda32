package com.hirebuddha.commons.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import com.hirebuddha.commons.events.EventCodec;
import com.hirebuddha.commons.events.EventEnvelope;
import com.hirebuddha.commons.events.EventPublisher;
import com.hirebuddha.commons.events.EventTooLargeException;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes events into the service's {@code outbox_event} table inside the caller's
 * transaction, and nudges the relay once that transaction commits. An event over
 * {@code hb.events.max-bytes} is refused with {@link EventTooLargeException}, which rolls
 * the caller's change back: what cannot be carried is never accepted.
 */
class OutboxEventPublisher implements EventPublisher {

	private final JdbcClient jdbc;

	private final EventCodec codec;

	private final String source;

	private final Runnable afterCommit;

	private final int maxBytes;

	OutboxEventPublisher(JdbcClient jdbc, EventCodec codec, String source, Runnable afterCommit, int maxBytes) {
		this.jdbc = jdbc;
		this.codec = codec;
		this.source = source;
		this.afterCommit = afterCommit;
		this.maxBytes = maxBytes;
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public UUID publish(UUID id, String topic, String key, String type, @Nullable UUID tenantId, Object data) {
		EventEnvelope envelope = new EventEnvelope(EventEnvelope.SPEC_VERSION, id, type, this.source, Instant.now(),
				tenantId, this.codec.tree(data));
		String encoded = this.codec.write(envelope);
		// refused here, in the caller's transaction, rather than parked by the relay
		// later: at once if even the compact text is too big, else as the relay will
		// send it, jsonb's own text (it spaces members out), measured by the insert
		int compact = encoded.getBytes(StandardCharsets.UTF_8).length;
		if (compact > this.maxBytes) {
			throw new EventTooLargeException(compact, this.maxBytes);
		}
		Integer bytes = this.jdbc.sql("""
				insert into outbox_event (id, topic, message_key, type, tenant_id, envelope)
				values (:id, :topic, :key, :type, :tenantId, cast(:envelope as jsonb))
				on conflict (id) do nothing
				returning octet_length(envelope::text)
				""")
			.param("id", id)
			.param("topic", topic)
			.param("key", key)
			.param("type", type)
			.param("tenantId", tenantId)
			.param("envelope", encoded)
			.query(Integer.class)
			.optional()
			.orElse(0);
		if (bytes > this.maxBytes) {
			throw new EventTooLargeException(bytes, this.maxBytes);
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				OutboxEventPublisher.this.afterCommit.run();
			}
		});
		return id;
	}

}
