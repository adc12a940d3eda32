package com.hirebuddha.auth.accounts;

import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.hirebuddha.commons.web.ApiException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id with OWASP's minimum parameters (19 MiB, 2 iterations, 1 lane). Checking an
 * unknown account still pays for one hash, so response time does not tell which emails
 * exist. At most two hashes per core run at once: each holds 19 MiB, and virtual threads
 * would otherwise let a burst of sign-ins exhaust the heap; a request that waits too long
 * answers 503.
 */
@Component
class Passwords {

	private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);

	private final Semaphore hashing = new Semaphore(Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));

	private final String decoy = Objects.requireNonNull(this.encoder.encode("decoy password for unknown accounts"));

	String hash(String password) {
		return bounded(() -> this.encoder.encode(password));
	}

	boolean matches(String password, @Nullable String hash) {
		if (hash == null) {
			bounded(() -> this.encoder.matches(password, this.decoy));
			return false;
		}
		return bounded(() -> this.encoder.matches(password, hash));
	}

	private <T> T bounded(Supplier<T> work) {
		try {
			if (!this.hashing.tryAcquire(10, TimeUnit.SECONDS)) {
				throw new Busy();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Busy();
		}
		try {
			return work.get();
		}
		finally {
			this.hashing.release();
		}
	}

	/**
	 * Too many password checks at once.
	 */
	static final class Busy extends ApiException {

		Busy() {
			super(HttpStatus.SERVICE_UNAVAILABLE, "busy", "Service busy",
					"Too many sign-ins at once; try again in a few seconds.");
		}

	}

}
