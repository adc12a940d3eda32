/**
 * The ledger: every usage event priced once, with the rate cards in force when it
 * happened, into rows nobody changes; corrections are reversing rows. Usage views, the
 * export and the reconciliation read it.
 */
@NullMarked
package com.hirebuddha.billing.ledger;

import org.jspecify.annotations.NullMarked;
