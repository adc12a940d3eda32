package com.hirebuddha.auth.apikeys;

import java.time.Instant;
import java.util.UUID;

import com.hirebuddha.commons.events.Event;
import com.hirebuddha.commons.events.Topics;
import org.jspecify.annotations.Nullable;

/**
 * Payload of {@value #TYPE} on {@code auth.events}, keyed by key id: the gateway drops
 * its cached exchange for the prefix, so the key stops working within seconds.
 *
 * @param apiKeyId the key
 * @param prefix its visible prefix
 * @param tenantId its tenant, if any
 * @param revokedAt when
 */
public record ApiKeyRevoked(UUID apiKeyId, String prefix, @Nullable UUID tenantId, Instant revokedAt) implements Event {

	/** The versioned event type. */
	public static final String TYPE = "hirebuddha.auth.api-key-revoked.v1";

	@Override
	public String topic() {
		return Topics.AUTH_EVENTS;
	}

	@Override
	public String key() {
		return this.apiKeyId.toString();
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public @Nullable UUID tenant() {
		return this.tenantId;
	}

}
