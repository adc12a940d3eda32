/**
 * Sessions: ES256 access tokens, and opaque refresh tokens that rotate on every use
 * inside a family; a used token presented again revokes the family (RFC 9700 reuse
 * detection).
 */
@NullMarked
package com.hirebuddha.auth.sessions;

import org.jspecify.annotations.NullMarked;
