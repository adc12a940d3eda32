/**
 * The front door: access tokens validated against the auth service's JWKS with the same
 * checks as every service, API keys exchanged for short-lived access tokens, and security
 * headers on every answer.
 */
@NullMarked
package com.hirebuddha.gateway.security;

import org.jspecify.annotations.NullMarked;
