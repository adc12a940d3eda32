package com.hirebuddha.commons.web;

import org.springframework.http.HttpStatus;

/**
 * A failure the caller can act on, rendered as problem details with a stable
 * {@code type}.
 */
public class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final String type;

	private final String title;

	protected ApiException(HttpStatus status, String type, String title, String detail) {
		super(detail);
		this.status = status;
		this.type = type;
		this.title = title;
	}

	/**
	 * Something the caller may not see does not exist; also the answer for other tenants'
	 * objects.
	 * @param what the kind of object, for example {@code tenant}
	 * @param id the id the caller asked for
	 * @return the exception
	 */
	public static ApiException notFound(String what, Object id) {
		return new ApiException(HttpStatus.NOT_FOUND, "not-found", "Not found", what + " " + id + " does not exist");
	}

	/**
	 * The request conflicts with the current state.
	 * @param type the stable problem type slug
	 * @param detail what conflicts
	 * @return the exception
	 */
	public static ApiException conflict(String type, String detail) {
		return new ApiException(HttpStatus.CONFLICT, type, "Conflict", detail);
	}

	/**
	 * The request is well formed but cannot be accepted.
	 * @param type the stable problem type slug
	 * @param detail what is wrong
	 * @return the exception
	 */
	public static ApiException invalid(String type, String detail) {
		return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, type, "Invalid request", detail);
	}

	public HttpStatus status() {
		return this.status;
	}

	public String type() {
		return this.type;
	}

	public String title() {
		return this.title;
	}

}
