package com.hirebuddha.commons.events;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A CloudEvents-style envelope around every event on Kafka; {@code id} is the idempotency
 * key.
 *
 * @param specversion the CloudEvents spec version this envelope follows
 * @param id unique id of this event, stable across redeliveries
 * @param type versioned event type, for example {@code hirebuddha.tenant.created.v1}
 * @param source the service that produced the event, for example {@code /tenant-service}
 * @param time when the state change happened
 * @param tenantId the tenant the event belongs to, absent for platform-level events
 * @param data the event payload
 */
public record EventEnvelope(String specversion, UUID id, String type, String source, Instant time,
		@Nullable UUID tenantId, JsonNode data) {

	/** The CloudEvents specification version the envelope follows. */
	public static final String SPEC_VERSION = "1.0";

}
