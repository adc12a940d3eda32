/**
 * The tenants and partners billing knows, from {@code tenant.events}: every id a billing
 * request names is resolved here, in the caller's scope.
 */
@NullMarked
package com.hirebuddha.billing.directory;

import org.jspecify.annotations.NullMarked;
