package com.hirebuddha.worker.http;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * An outbound HTTP call that produced no response: the {@link #reason() reason} is a
 * stable code a workflow can branch on, and {@link #retryable()} says whether trying
 * again could help. A response with a non-2xx status is not an exception.
 */
public class HttpCallException extends Exception {

	/** The URL is malformed, not http(s), or carries credentials. */
	public static final String INVALID_URL = "invalid-url";

	/** The method or a header cannot be sent as given. */
	public static final String INVALID_REQUEST = "invalid-request";

	/** The host resolves to an address that is not publicly routable. */
	public static final String FORBIDDEN_ADDRESS = "forbidden-address";

	/** The server redirected more often than allowed. */
	public static final String TOO_MANY_REDIRECTS = "too-many-redirects";

	/** The response is larger than allowed. */
	public static final String RESPONSE_TOO_LARGE = "response-too-large";

	/** The call did not complete within its timeout. */
	public static final String TIMEOUT = "timeout";

	/** The host could not be resolved or reached, or answered with broken HTTP. */
	public static final String CONNECTION_FAILED = "connection-failed";

	private final String reason;

	private HttpCallException(String reason, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	/**
	 * The stable code for what went wrong, one of the constants of this class.
	 * @return the reason code
	 */
	public String reason() {
		return this.reason;
	}

	/**
	 * Whether the same call might succeed if tried again later.
	 * @return {@code true} for timeouts and connection failures
	 */
	public boolean retryable() {
		return TIMEOUT.equals(this.reason) || CONNECTION_FAILED.equals(this.reason);
	}

	static HttpCallException invalidUrl(String message) {
		return new HttpCallException(INVALID_URL, message, null);
	}

	static HttpCallException invalidRequest(String message) {
		return new HttpCallException(INVALID_REQUEST, message, null);
	}

	static HttpCallException forbiddenAddress(String host) {
		// The refused address is left out: it would tell a tenant how internal names
		// resolve.
		return new HttpCallException(FORBIDDEN_ADDRESS,
				"Refused to call " + host + ": it resolves to an address that is not publicly routable", null);
	}

	static HttpCallException tooManyRedirects(int maxRedirects) {
		return new HttpCallException(TOO_MANY_REDIRECTS, "More than " + maxRedirects + " redirects", null);
	}

	static HttpCallException responseTooLarge(String what, int limit) {
		return new HttpCallException(RESPONSE_TOO_LARGE, "The " + what + " exceeds " + limit + " bytes", null);
	}

	static HttpCallException timeout(Duration timeout, @Nullable Throwable cause) {
		return new HttpCallException(TIMEOUT, "No complete response within " + timeout.toMillis() + " ms", cause);
	}

	static HttpCallException connectionFailed(String host, @Nullable Throwable cause) {
		String detail = (cause != null && cause.getMessage() != null) ? ": " + cause.getMessage() : "";
		return new HttpCallException(CONNECTION_FAILED, "Call to " + host + " failed" + detail, cause);
	}

}
