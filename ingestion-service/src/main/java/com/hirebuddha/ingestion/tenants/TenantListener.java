package com.hirebuddha.ingestion.tenants;

import java.time.Instant;
import java.util.UUID;

import com.hirebuddha.commons.events.EventCodec;
import com.hirebuddha.commons.events.EventEnvelope;
import com.hirebuddha.commons.events.InvalidEventException;
import com.hirebuddha.commons.events.Topics;
import com.hirebuddha.commons.tenancy.DbScope;
import tools.jackson.databind.JsonNode;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps {@link TenantProfiles} from {@code tenant.events}: the latest event of a tenant
 * says its partner, and every update carries its plan limits. Its own consumer group
 * reads the compacted topic from the start; an upsert that keeps the newest, so a
 * redelivery changes nothing.
 */
@Component
class TenantListener {

	private final EventCodec codec;

	private final TenantProfiles profiles;

	TenantListener(EventCodec codec, TenantProfiles profiles) {
		this.codec = codec;
		this.profiles = profiles;
	}

	@KafkaListener(id = "ingestion-service.tenants", groupId = "ingestion-tenants", topics = Topics.TENANT_EVENTS)
	void onTenantEvent(String value) {
		EventEnvelope envelope;
		try {
			envelope = this.codec.read(value);
		}
		catch (InvalidEventException ex) {
			// not ours to judge: tenant-service's own consumers dead-letter what is
			// malformed
			return;
		}
		JsonNode data = envelope.data();
		JsonNode tenant = data.path("tenantId");
		if (!tenant.isString()) {
			return;
		}
		JsonNode partner = data.path("partnerId");
		UUID partnerId = partner.isString() ? UUID.fromString(partner.asString()) : null;
		JsonNode storage = data.path("limits").path("storageMb");
		Integer storageMb = storage.isNumber() ? storage.asInt() : null;
		Instant at = envelope.time();
		DbScope.run(DbScope.SYSTEM,
				() -> this.profiles.learn(UUID.fromString(tenant.asString()), partnerId, storageMb, at));
	}

}
