/**
 * API keys for partner and tenant integrations: shown once, stored as a hash behind a
 * visible prefix, with scopes, optional expiry and a rate limit; the gateway exchanges a
 * key for a short-lived access token so every service sees one token format.
 */
@NullMarked
package com.hirebuddha.auth.apikeys;

import org.jspecify.annotations.NullMarked;
