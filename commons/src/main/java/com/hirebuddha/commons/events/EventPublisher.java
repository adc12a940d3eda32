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
	 * @param topic the destination topic, one of {@link Topics}
	 * @param key the partition key: the aggregate or tenant id, so order holds per key
	 * @param type the versioned event type
	 * @param tenantId the tenant the event belongs to, if any
	 * @param data the payload, serialized as JSON
	 * @return the event's id
	 */
	default UUID publish(String topic, String key, String type, @Nullable UUID tenantId, Object data) {
		return publish(UUID.randomUUID(), topic, key, type, tenantId, data);
	}

	/**
	 * Records an event with an id the caller derived from what happened (for example an
	 * execution, a node and an attempt), so that recording it twice publishes it once.
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
