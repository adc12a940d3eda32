/**
 * Tenants: the organizations that hire agents. Creating one announces it on
 * {@code tenant.events} through the outbox.
 */
@NullMarked
package com.hirebuddha.tenant.tenants;

import org.jspecify.annotations.NullMarked;
