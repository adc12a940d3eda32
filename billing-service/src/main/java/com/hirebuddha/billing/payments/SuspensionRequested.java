package com.hirebuddha.billing.payments;

import java.util.UUID;

import com.hirebuddha.commons.events.TenantKeyedEvent;
import com.hirebuddha.commons.events.Topics;

/**
 * Payload of {@code hirebuddha.billing.suspension-requested.v1} on
 * {@code billing.events}, keyed by tenant id: an invoice is overdue past the dunning
 * period, so tenant-service suspends the tenant.
 *
 * @param tenantId the tenant
 * @param invoiceId the invoice
 * @param number its number
 * @param amountDueMicros its total
 * @param paidMicros what was paid so far
 * @param daysOverdue days past due
 * @param reasonCode always {@code PAYMENT_OVERDUE}
 * @param reason why, for people
 */
record SuspensionRequested(UUID tenantId, UUID invoiceId, String number, long amountDueMicros, long paidMicros,
		long daysOverdue, String reasonCode, String reason) implements TenantKeyedEvent {

	@Override
	public String topic() {
		return Topics.BILLING_EVENTS;
	}

	@Override
	public String type() {
		return Dunning.SUSPENSION_TYPE;
	}

}
