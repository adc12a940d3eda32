/**
 * Partners: resellers that onboard and bill tenants of their own. Creating one announces
 * it on {@code tenant.events} through the outbox.
 */
@NullMarked
package com.hirebuddha.tenant.partners;

import org.jspecify.annotations.NullMarked;
