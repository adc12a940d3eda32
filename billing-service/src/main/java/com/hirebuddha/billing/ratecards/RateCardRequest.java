package com.hirebuddha.billing.ratecards;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A new version of a price: {@code PUT /rate-cards}. A {@code COST} or {@code PRICE} card
 * has per-million prices for input and output tokens (embedding tokens optional), or, for
 * a price, a markup over cost; a {@code COMMISSION} card has basis points.
 *
 * @param kind {@code COST}, {@code PRICE} or {@code COMMISSION}
 * @param sku {@code provider/model} or {@code *}
 * @param partnerId the partner (a partner admin's own is implied)
 * @param inputMicrosPerMillion micro-units per million input tokens
 * @param outputMicrosPerMillion micro-units per million output tokens
 * @param embeddingMicrosPerMillion micro-units per million embedding tokens
 * @param markupBps price as cost plus this many basis points
 * @param commissionBps commission in basis points of the tenants' price
 * @param currency ISO 4217 code, {@code USD} when absent
 * @param validFrom from when, now when absent; never in the past
 */
record RateCardRequest(@NotNull @Pattern(regexp = "COST|PRICE|COMMISSION") @Nullable String kind,
		@NotNull @Pattern(regexp = "\\*|[a-z0-9-]{1,50}/[A-Za-z0-9._:*-]{1,140}") @Nullable String sku,
		@Nullable UUID partnerId, @Min(0) @Max(1_000_000_000_000L) @Nullable Long inputMicrosPerMillion,
		@Min(0) @Max(1_000_000_000_000L) @Nullable Long outputMicrosPerMillion,
		@Min(0) @Max(1_000_000_000_000L) @Nullable Long embeddingMicrosPerMillion,
		@Min(-10_000) @Max(1_000_000) @Nullable Integer markupBps, @Min(0) @Max(10_000) @Nullable Integer commissionBps,
		@Pattern(regexp = "[A-Z]{3}") @Nullable String currency, @Nullable Instant validFrom) {
}
