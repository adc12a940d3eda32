package com.hirebuddha.simulator;

import java.io.InterruptedIOException;

/**
 * How long one request waits before its first token and before each token.
 *
 * @param latencyMs the extra delay before the first token, in milliseconds
 * @param tokenDelayMs the delay before each token, in milliseconds
 */
record Pacing(long latencyMs, long tokenDelayMs) {

	/** The shortest stall before a simulated failure, in milliseconds. */
	static final long MIN_STALL_MS = 100;

	/**
	 * The pacing of a request: its directives override the server defaults.
	 * @param directives the request's directives
	 * @param settings the server settings
	 * @return the pacing
	 */
	static Pacing of(Directives directives, SimulatorSettings settings) {
		long latency = directives.latencyMs().isPresent() ? directives.latencyMs().getAsInt() : settings.latencyMs();
		long delay = directives.delayMs().isPresent() ? directives.delayMs().getAsInt() : settings.tokenDelayMs();
		return new Pacing(latency, delay);
	}

	void beforeFirstToken() throws InterruptedIOException {
		sleep(this.latencyMs);
	}

	void beforeToken() throws InterruptedIOException {
		sleep(this.tokenDelayMs);
	}

	/**
	 * Stalls before a simulated failure, as long as the next token would take but at
	 * least {@value #MIN_STALL_MS} ms, so that clients have read what came before.
	 * @throws InterruptedIOException if the server is stopping
	 */
	void beforeFailure() throws InterruptedIOException {
		sleep(Math.max(this.tokenDelayMs, MIN_STALL_MS));
	}

	void forTokens(int tokens) throws InterruptedIOException {
		sleep(this.tokenDelayMs * tokens);
	}

	private static void sleep(long millis) throws InterruptedIOException {
		if (millis <= 0) {
			return;
		}
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("Interrupted while simulating token generation");
		}
	}

}
