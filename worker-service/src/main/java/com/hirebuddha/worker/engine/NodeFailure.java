package com.hirebuddha.worker.engine;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A node attempt that failed: a code clients can act on, a message for people, whether
 * another attempt may succeed, and how long the other side asked us to wait.
 */
class NodeFailure extends Exception {

	/**
	 * The code of an attempt this side stopped (its own timeout, a cancel): it says
	 * nothing about the provider.
	 */
	static final String ABORTED = "timeout";

	private final String code;

	private final boolean retryable;

	private final @Nullable Duration retryAfter;

	NodeFailure(String code, String message, boolean retryable, @Nullable Duration retryAfter) {
		super(message, null, false, false);
		this.code = code;
		this.retryable = retryable;
		this.retryAfter = retryAfter;
	}

	static NodeFailure permanent(String code, String message) {
		return new NodeFailure(code, message, false, null);
	}

	static NodeFailure retryable(String code, String message, @Nullable Duration retryAfter) {
		return new NodeFailure(code, message, true, retryAfter);
	}

	String code() {
		return this.code;
	}

	boolean isRetryable() {
		return this.retryable;
	}

	@Nullable Duration retryAfter() {
		return this.retryAfter;
	}

	Map<String, Object> toError(int attempts) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("code", this.code);
		error.put("message", getMessage());
		error.put("attempts", attempts);
		return error;
	}

}
