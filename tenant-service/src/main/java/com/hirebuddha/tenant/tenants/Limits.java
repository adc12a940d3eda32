package com.hirebuddha.tenant.tenants;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's plan limits; null means the platform default.
 *
 * @param requestsPerMinute API requests per minute at the gateway
 * @param monthlyTokenBudget model tokens per calendar month
 * @param storageMb knowledge-base storage
 */
public record Limits(@Nullable @Min(1) @Max(1_000_000) Integer requestsPerMinute,
		@Nullable @Min(0) Long monthlyTokenBudget, @Nullable @Min(0) Integer storageMb) {

	static final Limits DEFAULTS = new Limits(null, null, null);

}
