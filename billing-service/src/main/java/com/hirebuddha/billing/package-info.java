/**
 * The billing-service: rate cards, the immutable ledger, budgets, invoices and partner
 * earnings.
 */
@NullMarked
package com.hirebuddha.billing;

import org.jspecify.annotations.NullMarked;
