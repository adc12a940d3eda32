package com.hirebuddha.billing.ratecards;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One version of one price, as stored and as shown.
 *
 * @param id the card's id
 * @param version its version number, increasing across all cards; ledger rows name it
 * @param kind {@code COST}, {@code PRICE} or {@code COMMISSION}
 * @param partnerId the partner whose tenants it prices (or whose commission it sets);
 * {@code null} for the platform's cost and default price
 * @param sku {@code provider/model}, or {@code *} for every SKU without a card of its own
 * @param inputMicrosPerMillion price of a million input tokens, in micro-units
 * @param outputMicrosPerMillion price of a million output tokens
 * @param embeddingMicrosPerMillion price of a million embedding tokens (input's when
 * absent)
 * @param markupBps a price as cost plus this many basis points, instead of per-million
 * prices
 * @param commissionBps the partner's share of its tenants' price, in basis points
 * @param currency ISO 4217 code
 * @param validFrom from when it is in force (until a newer card's validFrom)
 * @param createdAt when it was written
 * @param createdBy who wrote it
 */
public record RateCard(UUID id, long version, String kind, @Nullable UUID partnerId, String sku,
		@Nullable Long inputMicrosPerMillion, @Nullable Long outputMicrosPerMillion,
		@Nullable Long embeddingMicrosPerMillion, @Nullable Integer markupBps, @Nullable Integer commissionBps,
		String currency, Instant validFrom, Instant createdAt, String createdBy) {

	/** The platform's cost. */
	public static final String COST = "COST";

	/** What tenants pay. */
	public static final String PRICE = "PRICE";

	/** A partner's commission. */
	public static final String COMMISSION = "COMMISSION";

	/** The SKU of a card that covers every SKU without a card of its own. */
	public static final String ANY_SKU = "*";

	/**
	 * What a call costs at this card's per-million prices, rounded half up to a
	 * micro-unit.
	 * @param inputTokens input tokens
	 * @param outputTokens output tokens
	 * @param embeddingTokens embedding tokens
	 * @return the amount in micro-units
	 */
	public long amount(long inputTokens, long outputTokens, long embeddingTokens) {
		long input = (this.inputMicrosPerMillion != null) ? this.inputMicrosPerMillion : 0;
		long output = (this.outputMicrosPerMillion != null) ? this.outputMicrosPerMillion : 0;
		long embedding = (this.embeddingMicrosPerMillion != null) ? this.embeddingMicrosPerMillion : input;
		long scaled = Math.addExact(
				Math.addExact(Math.multiplyExact(inputTokens, input), Math.multiplyExact(outputTokens, output)),
				Math.multiplyExact(embeddingTokens, embedding));
		return halfUp(scaled, 1_000_000);
	}

	/**
	 * A share of an amount in basis points, rounded half up to a micro-unit.
	 * @param amount the amount in micro-units
	 * @param bps basis points (10,000 is the whole)
	 * @return the share
	 */
	public static long share(long amount, long bps) {
		return halfUp(Math.multiplyExact(amount, bps), 10_000);
	}

	// half up, away from zero for negative amounts (a reversal rounds as its original)
	static long halfUp(long value, long divisor) {
		long half = divisor / 2;
		return (value >= 0) ? Math.floorDiv(value + half, divisor) : -Math.floorDiv(-value + half, divisor);
	}

}
