package com.hirebuddha.tenant.partners;

import java.time.Instant;
import java.util.UUID;

import com.hirebuddha.commons.events.Event;
import com.hirebuddha.commons.events.Topics;
import com.hirebuddha.tenant.tenants.ReasonCode;
import org.jspecify.annotations.Nullable;

/**
 * Payload of {@value #TYPE} on {@code tenant.events}, keyed by partner id. Each of the
 * partner's tenants also gets a {@code tenant.status-changed} with its new access status.
 *
 * @param partnerId the partner
 * @param status its new status
 * @param reasonCode why
 * @param reason the admin's words
 * @param changedAt when
 */
public record PartnerStatusChanged(UUID partnerId, String status, ReasonCode reasonCode, @Nullable String reason,
		Instant changedAt) implements Event {

	/** The versioned event type. */
	public static final String TYPE = "hirebuddha.partner.status-changed.v1";

	@Override
	public String topic() {
		return Topics.TENANT_EVENTS;
	}

	@Override
	public String key() {
		return this.partnerId.toString();
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public @Nullable UUID tenant() {
		return null;
	}

}
