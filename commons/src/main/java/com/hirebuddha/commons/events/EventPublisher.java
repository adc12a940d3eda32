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
	UUID publish(String topic, String key, String type, @Nullable UUID tenantId, Object data);

}
