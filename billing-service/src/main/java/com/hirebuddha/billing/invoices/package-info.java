/**
 * Invoices: monthly statements per tenant computed from the ledger, numbered without gaps
 * per issuer, never changed once issued, and rendered as PDF.
 */
@NullMarked
package com.hirebuddha.billing.invoices;

import org.jspecify.annotations.NullMarked;
