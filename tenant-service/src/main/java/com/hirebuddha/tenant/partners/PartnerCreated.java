package com.hirebuddha.tenant.partners;

import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@value #TYPE} on {@code tenant.events}, keyed by partner id.
 *
 * @param partnerId the new partner
 * @param name its display name
 * @param createdAt when it was created
 */
public record PartnerCreated(UUID partnerId, String name, Instant createdAt) {

	/** The versioned event type. */
	public static final String TYPE = "hirebuddha.partner.created.v1";

}
