package com.hirebuddha.billing.budgets;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A monthly budget and where this month stands against it.
 *
 * @param id the budget
 * @param tenantId the tenant
 * @param apiKeyId the API key it limits, or null for the whole tenant
 * @param limitMicros the money limit per month, in micro-units, if any
 * @param limitTokens the token limit per month, if any
 * @param softPercent the share of a limit that sends a warning
 * @param spentMicros what was priced this month
 * @param spentTokens tokens priced this month
 * @param reservedMicros what running runs hold
 * @param reservedTokens tokens running runs hold
 * @param updatedAt when the limits were last set
 */
public record BudgetView(UUID id, UUID tenantId, @Nullable UUID apiKeyId, @Nullable Long limitMicros,
		@Nullable Long limitTokens, int softPercent, long spentMicros, long spentTokens, long reservedMicros,
		long reservedTokens, Instant updatedAt) {
}
