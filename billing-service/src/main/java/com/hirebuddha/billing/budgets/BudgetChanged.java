package com.hirebuddha.billing.budgets;

import java.time.Instant;
import java.util.UUID;

import com.hirebuddha.commons.events.TenantKeyedEvent;
import com.hirebuddha.commons.events.Topics;

/**
 * Payload of {@code hirebuddha.billing.budget-changed.v1} on {@code billing.events},
 * keyed by tenant id: whether the tenant now has any budget or token quota, so
 * orchestration knows whether its runs need a reservation.
 *
 * @param tenantId the tenant
 * @param budgeted whether any limit applies to it
 * @param at when
 */
record BudgetChanged(UUID tenantId, boolean budgeted, Instant at) implements TenantKeyedEvent {

	@Override
	public String topic() {
		return Topics.BILLING_EVENTS;
	}

	@Override
	public String type() {
		return Budgets.CHANGED_TYPE;
	}

}
