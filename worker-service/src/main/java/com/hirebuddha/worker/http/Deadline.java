package com.hirebuddha.worker.http;

import java.time.Duration;

/**
 * The instant by which a whole call, redirects included, must be done.
 */
final class Deadline {

	private final Duration budget;

	private final long expiresAtNanos;

	private Deadline(Duration budget) {
		this.budget = budget;
		this.expiresAtNanos = System.nanoTime() + budget.toNanos();
	}

	static Deadline after(Duration budget) {
		return new Deadline(budget);
	}

	Duration budget() {
		return this.budget;
	}

	long remainingNanos() {
		return this.expiresAtNanos - System.nanoTime();
	}

	boolean expired() {
		return remainingNanos() <= 0;
	}

	/**
	 * The time left, for APIs that take whole milliseconds and read zero as "forever".
	 * @param cap an upper bound
	 * @return at least one millisecond, at most {@code cap}
	 */
	int remainingMillis(Duration cap) {
		long millis = Math.min(Duration.ofNanos(remainingNanos()).toMillis(), cap.toMillis());
		return Math.clamp(millis, 1, Integer.MAX_VALUE);
	}

}
