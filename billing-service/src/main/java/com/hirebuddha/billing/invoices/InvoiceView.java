package com.hirebuddha.billing.invoices;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An issued invoice. Money in micro-units.
 *
 * @param id the invoice
 * @param number its number in its issuer's series, without gaps
 * @param issuer {@code platform}, or the partner that bills its tenant
 * @param tenantId the billed tenant
 * @param partnerId the tenant's partner
 * @param period the month, {@code YYYY-MM}
 * @param periodStart the month's first moment (UTC)
 * @param periodEnd the moment after its last
 * @param currency ISO 4217 code
 * @param calls priced provider calls on it
 * @param totalMicros what is owed
 * @param issuedAt when it was issued
 * @param dueAt when payment is due
 * @param amountDueMicros the total rounded half up to whole cents: what is charged
 * @param paidMicros what was paid so far
 * @param status {@code OPEN}, {@code PAID} or {@code OVERDUE} (not paid by its due date)
 * @param lines one per model SKU (absent in lists)
 */
public record InvoiceView(UUID id, String number, String issuer, UUID tenantId, @Nullable UUID partnerId, String period,
		Instant periodStart, Instant periodEnd, String currency, long calls, long totalMicros, Instant issuedAt,
		Instant dueAt, long amountDueMicros, long paidMicros, String status, @Nullable List<Line> lines) {

	InvoiceView withLines(List<Line> lines) {
		return new InvoiceView(this.id, this.number, this.issuer, this.tenantId, this.partnerId, this.period,
				this.periodStart, this.periodEnd, this.currency, this.calls, this.totalMicros, this.issuedAt,
				this.dueAt, this.amountDueMicros, this.paidMicros, this.status, lines);
	}

	/**
	 * What is still to pay.
	 * @return micro-units, never negative
	 */
	public long outstandingMicros() {
		return Math.max(0, this.amountDueMicros - this.paidMicros);
	}

	/**
	 * One model's usage on the invoice.
	 *
	 * @param line its position
	 * @param sku the model SKU
	 * @param calls priced provider calls
	 * @param inputTokens input tokens (net of reversals)
	 * @param outputTokens output tokens (net of reversals)
	 * @param embeddingTokens embedding tokens (net of reversals)
	 * @param amountMicros the amount (net of reversals)
	 */
	public record Line(int line, String sku, long calls, long inputTokens, long outputTokens, long embeddingTokens,
			long amountMicros) {
	}

}
