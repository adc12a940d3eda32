/**
 * Signing keys: ES256 key pairs that rotate, private halves encrypted at rest, public
 * halves published as a JWKS until the last token they signed has expired.
 */
@NullMarked
package com.hirebuddha.auth.keys;

import org.jspecify.annotations.NullMarked;
