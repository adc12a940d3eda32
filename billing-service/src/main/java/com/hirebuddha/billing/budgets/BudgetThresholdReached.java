package com.hirebuddha.billing.budgets;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.hirebuddha.commons.events.TenantKeyedEvent;
import com.hirebuddha.commons.events.Topics;
import org.jspecify.annotations.Nullable;

/**
 * Payload of {@code hirebuddha.billing.budget-warning.v1} (the soft limit) and
 * {@code hirebuddha.billing.budget-exceeded.v1} (the hard one) on {@code billing.events},
 * keyed by tenant id; once per budget, month and level.
 *
 * @param tenantId the tenant
 * @param budgetId the budget
 * @param apiKeyId the key it limits, or null for the whole tenant
 * @param month the month, {@code yyyy-MM}
 * @param limitMicros the money limit, if any
 * @param limitTokens the token limit, if any
 * @param spentMicros spent this month
 * @param spentTokens tokens used this month
 * @param reservedMicros held for runs under way
 * @param at when
 * @param exceeded the hard limit (not in the payload: the type says it)
 */
record BudgetThresholdReached(UUID tenantId, UUID budgetId, @Nullable UUID apiKeyId, String month,
		@Nullable Long limitMicros, @Nullable Long limitTokens, long spentMicros, long spentTokens, long reservedMicros,
		Instant at, @JsonIgnore boolean exceeded) implements TenantKeyedEvent {

	@Override
	public String topic() {
		return Topics.BILLING_EVENTS;
	}

	@Override
	public String type() {
		return (this.exceeded) ? Reservations.EXCEEDED_TYPE : Reservations.WARNING_TYPE;
	}

}
