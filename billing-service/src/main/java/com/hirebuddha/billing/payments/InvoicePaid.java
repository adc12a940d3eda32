package com.hirebuddha.billing.payments;

import java.util.UUID;

import com.hirebuddha.commons.events.TenantKeyedEvent;
import com.hirebuddha.commons.events.Topics;

/**
 * Payload of {@code hirebuddha.billing.invoice-paid.v1} on {@code billing.events}, keyed
 * by tenant id: an invoice is paid in full.
 *
 * @param invoiceId the invoice
 * @param number its number
 * @param tenantId its tenant
 * @param paidMicros what was paid
 */
record InvoicePaid(UUID invoiceId, String number, UUID tenantId, long paidMicros) implements TenantKeyedEvent {

	@Override
	public String topic() {
		return Topics.BILLING_EVENTS;
	}

	@Override
	public String type() {
		return Payments.PAID_TYPE;
	}

}
