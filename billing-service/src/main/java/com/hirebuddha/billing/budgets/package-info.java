/**
 * Budgets and quotas: monthly limits on a tenant's or an API key's spending, held by
 * reserving each run's estimated cost before it starts and settling it as its calls are
 * priced, so concurrent runs cannot overshoot by more than one reservation.
 */
@NullMarked
package com.hirebuddha.billing.budgets;

import org.jspecify.annotations.NullMarked;
