package com.hirebuddha.commons.events;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Publishes an event as part of the caller's transaction: it reaches Kafka if and only if
 * the transaction commits.
 */
public interface EventPublisher {

	/**
	 * Records an event for publication once the surrounding transaction commits.
	 * @param event the event, which names its topic, key, type and tenant
	 * @return the event's id
	 */
	default UUID publish(Event event) {
		return publish(UUID.randomUUID(), event);
	}

	/**
	 * Records an event with an id the caller derived from what happened (for example an
	 * execution, a node and an attempt), so that recording it twice publishes it once.
	 * @param id the event's id
	 * @param event the event, which names its topic, key, type and tenant
	 * @return the event's id
	 */
	default UUID publish(UUID id, Event event) {
		return publish(id, event.topic(), event.key(), event.type(), event.tenant(), event);
	}

	/**
	 * The envelope behind both: what the outbox stores. Services publish {@link Event}s.
	 * @param id the event's id
	 * @param topic the destination topic, one of {@link Topics}
	 * @param key the partition key
	 * @param type the versioned event type
	 * @param tenantId the tenant the event belongs to, if any
	 * @param data the payload, serialized as JSON
	 * @return the event's id
	 */
	UUID publish(UUID id, String topic, String key, String type, @Nullable UUID tenantId, Object data);

}
