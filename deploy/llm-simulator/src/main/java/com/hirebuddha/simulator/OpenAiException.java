package com.hirebuddha.simulator;

/**
 * A failure answered with an HTTP error status and an OpenAI-style error body.
 */
final class OpenAiException extends RuntimeException {

	private final int status;

	private final String code;

	OpenAiException(int status, String code, String message) {
		super(message, null, false, false);
		this.status = status;
		this.code = code;
	}

	static OpenAiException badRequest(String code, String message) {
		return new OpenAiException(400, code, message);
	}

	static OpenAiException notFound(String method, String path) {
		return new OpenAiException(404, "unknown_url", "Invalid URL (" + method + " " + path + ")");
	}

	static OpenAiException methodNotAllowed(String method, String path) {
		return new OpenAiException(405, "method_not_allowed",
				"Method " + method + " is not allowed for " + path + " (simulator)");
	}

	static OpenAiException simulated(int status) {
		String code = switch (status) {
			case 429 -> "rate_limit_exceeded";
			case 500, 502, 503, 504 -> "server_error";
			default -> "simulated_error";
		};
		return new OpenAiException(status, code,
				"Simulated HTTP " + status + " error requested by a [[sim:error]] directive.");
	}

	int status() {
		return this.status;
	}

	String code() {
		return this.code;
	}

	/**
	 * The OpenAI error type for this status.
	 * @return {@code rate_limit_error}, {@code server_error} or
	 * {@code invalid_request_error}
	 */
	String type() {
		if (this.status == 429) {
			return "rate_limit_error";
		}
		return (this.status >= 500) ? "server_error" : "invalid_request_error";
	}

}
