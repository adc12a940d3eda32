package com.hirebuddha.billing.payments;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A payment received.
 *
 * @param id the payment
 * @param invoiceId the invoice it pays
 * @param amountMicros the amount
 * @param method {@code card} or {@code manual}
 * @param providerReference the provider's charge id, for a card
 * @param reference an admin's reference, for a manual payment
 * @param paidAt when
 */
public record PaymentView(UUID id, UUID invoiceId, long amountMicros, String method, @Nullable String providerReference,
		@Nullable String reference, Instant paidAt) {
}
