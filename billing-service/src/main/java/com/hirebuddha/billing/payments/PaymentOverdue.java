package com.hirebuddha.billing.payments;

import java.util.UUID;

import com.hirebuddha.commons.events.TenantKeyedEvent;
import com.hirebuddha.commons.events.Topics;

/**
 * Payload of {@code hirebuddha.billing.payment-overdue.v1} on {@code billing.events},
 * keyed by tenant id: a reminder that an invoice is past due.
 *
 * @param tenantId the tenant
 * @param invoiceId the invoice
 * @param number its number
 * @param amountDueMicros its total
 * @param paidMicros what was paid so far
 * @param daysOverdue days past due
 * @param reminder which reminder, from 1
 */
record PaymentOverdue(UUID tenantId, UUID invoiceId, String number, long amountDueMicros, long paidMicros,
		long daysOverdue, int reminder) implements TenantKeyedEvent {

	@Override
	public String topic() {
		return Topics.BILLING_EVENTS;
	}

	@Override
	public String type() {
		return Dunning.OVERDUE_TYPE;
	}

}
