package com.hirebuddha.auth.accounts;

import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id with OWASP's minimum parameters (19 MiB, 2 iterations, 1 lane). Checking an
 * unknown account still pays for one hash, so response time does not tell which emails
 * exist.
 */
@Component
class Passwords {

	private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);

	private final String decoy = this.encoder.encode("decoy password for unknown accounts");

	String hash(String password) {
		return this.encoder.encode(password);
	}

	boolean matches(String password, @Nullable String hash) {
		if (hash == null) {
			this.encoder.matches(password, this.decoy);
			return false;
		}
		return this.encoder.matches(password, hash);
	}

}
