package com.hirebuddha.worker.engine;

import java.util.function.Consumer;

/**
 * Gathers streamed text and lets it out in pieces at most every flush interval (or when a
 * piece grows large), so a fast model does not turn every token into an event.
 */
final class DeltaBuffer implements NodeExecutor.Deltas {

	private static final int MAX_PIECE = 2_048;

	private final long flushNanos;

	private final Consumer<String> out;

	private final StringBuilder pending = new StringBuilder();

	private long lastFlush = System.nanoTime();

	DeltaBuffer(long flushNanos, Consumer<String> out) {
		this.flushNanos = flushNanos;
		this.out = out;
	}

	@Override
	public void append(String text) {
		this.pending.append(text);
		if (this.pending.length() >= MAX_PIECE || System.nanoTime() - this.lastFlush >= this.flushNanos) {
			flush();
		}
	}

	void flush() {
		if (!this.pending.isEmpty()) {
			this.out.accept(this.pending.toString());
			this.pending.setLength(0);
		}
		this.lastFlush = System.nanoTime();
	}

}
