/**
 * The inbox: consumers record each processed event id in the same transaction as its
 * effect, so a redelivery changes nothing.
 */
@NullMarked
package com.hirebuddha.commons.inbox;

import org.jspecify.annotations.NullMarked;
