package com.hirebuddha.billing.directory;

import java.util.UUID;

import com.hirebuddha.commons.events.EventCodec;
import com.hirebuddha.commons.events.EventEnvelope;
import com.hirebuddha.commons.events.InvalidEventException;
import com.hirebuddha.commons.events.Topics;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@link Directory} from {@code tenant.events}. Its own consumer group, so that
 * a new deployment reads the compacted topic from its start and knows every organization;
 * an upsert of the latest state, so a redelivery changes nothing.
 */
@Component
class DirectoryListener {

	private final EventCodec codec;

	private final Directory directory;

	DirectoryListener(EventCodec codec, Directory directory) {
		this.codec = codec;
		this.directory = directory;
	}

	@KafkaListener(id = "billing-service.directory", groupId = "billing-directory", topics = Topics.TENANT_EVENTS)
	void onTenantEvent(String value) {
		EventEnvelope envelope;
		try {
			envelope = this.codec.read(value);
		}
		catch (InvalidEventException ex) {
			// the accounts' listener dead-letters it; one copy on the DLT is enough
			return;
		}
		JsonNode data = envelope.data();
		UUID tenant = id(data, "tenantId");
		UUID partner = id(data, "partnerId");
		if (tenant != null || partner != null) {
			this.directory.learn(tenant, partner);
		}
	}

	private static @Nullable UUID id(JsonNode data, String field) {
		JsonNode value = data.path(field);
		return value.isString() ? UUID.fromString(value.asString()) : null;
	}

}
