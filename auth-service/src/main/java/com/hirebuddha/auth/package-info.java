/**
 * The auth-service: users, credentials, tokens, signing keys and API keys.
 */
@NullMarked
package com.hirebuddha.auth;

import org.jspecify.annotations.NullMarked;
