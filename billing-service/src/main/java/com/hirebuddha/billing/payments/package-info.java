/**
 * Payments against invoices (by card through a payment provider, Stripe by default, or
 * recorded by an admin) and dunning: reminders for overdue invoices, suspension by policy
 * through tenant-service, reactivation on payment.
 */
@NullMarked
package com.hirebuddha.billing.payments;

import org.jspecify.annotations.NullMarked;
