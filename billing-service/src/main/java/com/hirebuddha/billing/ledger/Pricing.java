package com.hirebuddha.billing.ledger;

import java.util.UUID;

import com.hirebuddha.billing.ratecards.RateBook;
import com.hirebuddha.billing.ratecards.RateCard;
import org.jspecify.annotations.Nullable;

/**
 * Prices one usage event with the cards in force when it happened. Cost: the platform's
 * cost card for the SKU (else the catalog's list price the event carries). Price: the
 * tenant's partner's price card, else the platform's default price, else the cost; a
 * markup card prices as cost plus its basis points. Commission: the partner's share of
 * the price. Each amount is rounded half up to a micro-unit.
 */
final class Pricing {

	private Pricing() {
	}

	static Priced price(RateBook book, UsageRecorded usage) {
		RateCard costCard = book.inForce(RateCard.COST, null, usage.sku(), usage.occurredAt());
		long cost = (costCard != null) ? costCard.amount(usage.inputTokens(), usage.outputTokens(), usage.embedding())
				: usage.listCostMicros();
		UUID partner = usage.partnerId();
		RateCard priceCard = (partner != null) ? book.inForce(RateCard.PRICE, partner, usage.sku(), usage.occurredAt())
				: null;
		if (priceCard == null) {
			priceCard = book.inForce(RateCard.PRICE, null, usage.sku(), usage.occurredAt());
		}
		long price = cost;
		if (priceCard != null) {
			price = (priceCard.markupBps() != null) ? RateCard.share(cost, 10_000L + priceCard.markupBps())
					: priceCard.amount(usage.inputTokens(), usage.outputTokens(), usage.embedding());
		}
		RateCard commissionCard = (partner != null)
				? book.inForce(RateCard.COMMISSION, partner, usage.sku(), usage.occurredAt()) : null;
		Integer bps = (commissionCard != null) ? commissionCard.commissionBps() : null;
		long commission = (bps != null) ? RateCard.share(price, bps) : 0;
		String currency = (priceCard != null) ? priceCard.currency() : (costCard != null) ? costCard.currency() : "USD";
		return new Priced(usage, cost, price, commission, currency, version(costCard), version(priceCard),
				version(commissionCard));
	}

	private static @Nullable Long version(@Nullable RateCard card) {
		return (card != null) ? card.version() : null;
	}

	/**
	 * A usage event with its amounts and the card versions that set them.
	 */
	record Priced(UsageRecorded usage, long costMicros, long priceMicros, long commissionMicros, String currency,
			@Nullable Long costCard, @Nullable Long priceCard, @Nullable Long commissionCard) {
	}

}
