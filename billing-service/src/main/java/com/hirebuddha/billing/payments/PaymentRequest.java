package com.hirebuddha.billing.payments;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A payment against an invoice ({@code POST /invoices/{id}/payments}): by card through
 * the payment provider (the outstanding amount), or recorded by an admin.
 *
 * @param method {@code card} or {@code manual}
 * @param paymentMethodId the provider's payment method, for a card ({@code pm_...})
 * @param amountMicros what was received, for a manual payment
 * @param reference the bank transfer's reference, for a manual payment
 */
record PaymentRequest(@NotNull @Pattern(regexp = "card|manual") @Nullable String method,
		@Nullable @Pattern(regexp = "[A-Za-z0-9_]{3,200}") String paymentMethodId,
		@Nullable @Min(1) @Max(1_000_000_000_000_000L) Long amountMicros, @Nullable @Size(max = 200) String reference) {
}
