/**
 * Accounts: self-serve registration (tenant plus first admin), password sign-in with
 * Argon2id and throttling, email verification, password reset and invitations.
 */
@NullMarked
package com.hirebuddha.auth.accounts;

import org.jspecify.annotations.NullMarked;
