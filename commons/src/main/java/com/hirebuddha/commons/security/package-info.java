/**
 * Every service is an OAuth 2.0 resource server: it validates the platform's ES256 access
 * tokens against the auth service's JWKS and takes roles and tenant from the token, never
 * from a header a client could set.
 */
@NullMarked
package com.hirebuddha.commons.security;

import org.jspecify.annotations.NullMarked;
