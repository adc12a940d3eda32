/**
 * Rate cards: what the platform pays per model SKU, what tenants pay (the platform's
 * default price, or their partner's), and partners' commissions. Versioned and never
 * changed: a new price is a new card valid from a moment that has not passed.
 */
@NullMarked
package com.hirebuddha.billing.ratecards;

import org.jspecify.annotations.NullMarked;
