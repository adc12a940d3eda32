/**
 * Billing accounts: one per tenant, opened when {@code tenant.events} announces the
 * tenant, so usage can be priced and invoiced against it.
 */
@NullMarked
package com.hirebuddha.billing.accounts;

import org.jspecify.annotations.NullMarked;
