package com.hirebuddha.billing.payments;

import java.util.UUID;

/**
 * Charges a card for an invoice. Implementations must be idempotent by
 * {@link Charge#idempotencyKey()}: the same key charges once however often it is sent.
 */
public interface PaymentProvider {

	/**
	 * Charges a payment method.
	 * @param charge what to charge
	 * @return the provider's answer
	 */
	Result charge(Charge charge);

	/**
	 * A charge.
	 *
	 * @param invoiceId the invoice paid
	 * @param invoiceNumber its number, for the statement descriptor
	 * @param amountCents the amount in cents
	 * @param currency ISO 4217 code
	 * @param paymentMethod the provider's payment method id
	 * @param idempotencyKey the key that makes a retry charge once
	 */
	record Charge(UUID invoiceId, String invoiceNumber, long amountCents, String currency, String paymentMethod,
			String idempotencyKey) {
	}

	/**
	 * What the provider did.
	 *
	 * @param succeeded whether the money was taken
	 * @param reference the provider's id of the charge
	 * @param amountCents how much was taken
	 * @param declineCode why not, when declined
	 * @param message the provider's words
	 */
	record Result(boolean succeeded, String reference, long amountCents, String declineCode, String message) {
	}

}
