package com.hirebuddha.billing.budgets;

import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

/**
 * Sets a monthly budget ({@code PUT /budgets}): the tenant's own, or one API key's. Both
 * limits absent removes it.
 *
 * @param tenantId the tenant (the platform names it; a tenant admin's own is implied)
 * @param apiKeyId the API key, or absent for the whole tenant
 * @param limitMicros money per calendar month (UTC), in micro-units
 * @param limitTokens tokens per calendar month
 * @param softPercent the share of a limit that sends a warning, 80 when absent
 */
record BudgetRequest(@Nullable UUID tenantId, @Nullable UUID apiKeyId,
		@Min(0) @Max(1_000_000_000_000_000L) @Nullable Long limitMicros,
		@Min(0) @Max(1_000_000_000_000_000L) @Nullable Long limitTokens,
		@Min(1) @Max(100) @Nullable Integer softPercent) {
}
