/**
 * Per-request policy after authentication: suspended tenants and ended sessions are
 * refused, and token-bucket rate limits per tenant and per API key hold across every
 * gateway replica (state in Redis, fed by {@code tenant.events} and {@code auth.events}).
 */
@NullMarked
package com.hirebuddha.gateway.policy;

import org.jspecify.annotations.NullMarked;
