package com.hirebuddha.worker.engine;

/**
 * How much text a run may make, counted the way it travels: in bytes of JSON-escaped
 * UTF-8, so that a limit here is a limit on the events that carry it. A node's text (its
 * output, a prompt or body it renders, what it streams) is stopped as soon as it passes
 * the node's limit, before it is held whole, and that limit stays below what one event
 * carries; all of a run's node outputs together have the run's limit. (Events carry at
 * most 256 K characters of an output, {@link Progress}; the worker keeps the whole text.)
 *
 * @param nodeBytes most a node may produce or render
 * ({@code hb.engine.max-node-output-bytes})
 * @param runBytes most all of a run's nodes may produce
 * ({@code hb.engine.max-run-output-bytes})
 */
record OutputLimits(long nodeBytes, long runBytes) {

	/** What an event needs besides the text it carries: ids, status, usage, error. */
	static final long EVENT_HEADROOM = 64 * 1024;

	/**
	 * The limits of a worker, checked against the largest event.
	 * @param properties the engine settings
	 * @param maxEventBytes {@code hb.events.max-bytes}
	 * @return the limits
	 * @throws IllegalStateException if a node's output could not travel in one event
	 */
	static OutputLimits of(EngineProperties properties, long maxEventBytes) {
		long carried = maxEventBytes - EVENT_HEADROOM;
		if (properties.maxNodeOutputBytes() > carried) {
			throw new IllegalStateException("hb.engine.max-node-output-bytes (" + properties.maxNodeOutputBytes()
					+ ") must stay below hb.events.max-bytes less " + EVENT_HEADROOM + " (" + carried
					+ "): a node's output travels in one event");
		}
		if (properties.maxRunOutputBytes() < properties.maxNodeOutputBytes()) {
			throw new IllegalStateException(
					"hb.engine.max-run-output-bytes must be at least hb.engine.max-node-output-bytes");
		}
		return new OutputLimits(properties.maxNodeOutputBytes(), properties.maxRunOutputBytes());
	}

	/**
	 * The bytes text takes inside a JSON string.
	 * @param text the text
	 * @return its escaped UTF-8 length
	 */
	static long encodedBytes(CharSequence text) {
		long bytes = 0;
		for (int i = 0, length = text.length(); i < length; i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
				bytes += 2;
			}
			else if (c < 0x20) {
				bytes += 6;
			}
			else if (c < 0x80) {
				bytes += 1;
			}
			else if (c < 0x800) {
				bytes += 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
				bytes += 4;
				i++;
			}
			else {
				bytes += 3;
			}
		}
		return bytes;
	}

	/**
	 * The longest beginning of a text that takes at most so many bytes, never splitting a
	 * surrogate pair.
	 * @param text the text
	 * @param bytes the most it may take
	 * @return the prefix, or the text itself if it fits
	 */
	static String prefixWithin(String text, long bytes) {
		long used = 0;
		for (int i = 0, length = text.length(); i < length; i++) {
			int end = (Character.isHighSurrogate(text.charAt(i)) && i + 1 < length) ? i + 2 : i + 1;
			used += encodedBytes(text.subSequence(i, end));
			if (used > bytes) {
				return text.substring(0, i);
			}
			i = end - 1;
		}
		return text;
	}

	/**
	 * A node went over its limit; it fails with {@code output-limit-exceeded}, and the
	 * text it was making is dropped.
	 */
	static final class Exceeded extends RuntimeException {

		private final String detail;

		Exceeded(String message) {
			super(message, null, false, false);
			this.detail = message;
		}

		String detail() {
			return this.detail;
		}

		static Exceeded node(long limit) {
			return new Exceeded("the node's text went over " + limit
					+ " bytes (hb.engine.max-node-output-bytes); it was stopped there");
		}

		static Exceeded run(long limit) {
			return new Exceeded("the run's text in the making went over " + limit
					+ " bytes (hb.engine.max-run-output-bytes); the node was stopped there");
		}

	}

	/**
	 * What a run holds of text right now: the outputs its nodes made, and what nodes are
	 * rendering or receiving at this moment. Nodes running side by side all count, so a
	 * wide graph cannot hold more than the run's limit between them.
	 */
	static final class RunMeter {

		private final long limit;

		private final java.util.concurrent.atomic.AtomicLong held = new java.util.concurrent.atomic.AtomicLong();

		RunMeter(long limit) {
			this.limit = limit;
		}

		void add(long bytes) {
			if (this.held.addAndGet(bytes) > this.limit) {
				throw Exceeded.run(this.limit);
			}
		}

		void release(long bytes) {
			this.held.addAndGet(-bytes);
		}

		boolean over() {
			return this.held.get() > this.limit;
		}

	}

	/**
	 * Counts one attempt's text against the node's limit and its run's, as it is made;
	 * {@link #close()} gives the run back what the attempt held only while it worked.
	 */
	static final class Meter implements AutoCloseable {

		private final long limit;

		private final RunMeter run;

		private long used;

		Meter(long limit, RunMeter run) {
			this.limit = limit;
			this.run = run;
		}

		/**
		 * Adds text, or refuses it.
		 * @param text what is about to be added
		 * @throws Exceeded if the node or the run would pass its limit
		 */
		void add(CharSequence text) {
			long bytes = encodedBytes(text);
			this.used += bytes;
			this.run.add(bytes);
			if (this.used > this.limit) {
				throw Exceeded.node(this.limit);
			}
		}

		@Override
		public void close() {
			this.run.release(this.used);
			this.used = 0;
		}

	}

}
