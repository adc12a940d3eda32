package com.hirebuddha.billing.ratecards;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Every rate card in memory, answering which card was in force at a moment: the newest
 * card (for the kind, partner and SKU) whose validFrom is not after it, the SKU's own
 * card before the {@code *} card. Immutable; {@link RateCards#book()} hands out a new one
 * when a card was added.
 */
public final class RateBook {

	private static final Comparator<RateCard> NEWEST_FIRST = Comparator.comparing(RateCard::validFrom)
		.thenComparingLong(RateCard::version)
		.reversed();

	private final Map<Key, List<RateCard>> cards = new HashMap<>();

	private final long version;

	RateBook(List<RateCard> all, long version) {
		for (RateCard card : all) {
			this.cards.computeIfAbsent(new Key(card.kind(), card.partnerId(), card.sku()), (key) -> new ArrayList<>())
				.add(card);
		}
		this.cards.values().forEach((list) -> list.sort(NEWEST_FIRST));
		this.version = version;
	}

	long version() {
		return this.version;
	}

	/**
	 * The card of a kind in force at a moment for a SKU, the SKU's own or else the
	 * {@code *} card.
	 * @param kind the kind
	 * @param partnerId the partner, {@code null} for the platform's cards
	 * @param sku the SKU
	 * @param at the moment
	 * @return the card, or {@code null} if none was in force
	 */
	public @Nullable RateCard inForce(String kind, @Nullable UUID partnerId, String sku, Instant at) {
		RateCard own = newest(new Key(kind, partnerId, sku), at);
		return (own != null) ? own : newest(new Key(kind, partnerId, RateCard.ANY_SKU), at);
	}

	private @Nullable RateCard newest(Key key, Instant at) {
		for (RateCard card : this.cards.getOrDefault(key, List.of())) {
			if (!card.validFrom().isAfter(at)) {
				return card;
			}
		}
		return null;
	}

	private record Key(String kind, @Nullable UUID partnerId, String sku) {
	}

}
