/**
 * The tenant-service: organizations: the platform, partners and tenants, and their
 * lifecycle.
 */
@NullMarked
package com.hirebuddha.tenant;

import org.jspecify.annotations.NullMarked;
