package com.hirebuddha.billing.payments;

import java.util.UUID;

import com.hirebuddha.commons.events.TenantKeyedEvent;
import com.hirebuddha.commons.events.Topics;

/**
 * Payload of {@code hirebuddha.billing.reactivation-requested.v1} on
 * {@code billing.events}, keyed by tenant id: the overdue invoices that suspended the
 * tenant are paid, so tenant-service lifts the suspension.
 *
 * @param tenantId the tenant
 * @param reasonCode always {@code REACTIVATED}
 * @param reason why, for people
 */
record ReactivationRequested(UUID tenantId, String reasonCode, String reason) implements TenantKeyedEvent {

	@Override
	public String topic() {
		return Topics.BILLING_EVENTS;
	}

	@Override
	public String type() {
		return Payments.REACTIVATION_TYPE;
	}

}
