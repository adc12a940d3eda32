package com.hirebuddha.commons.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * A failure the caller can act on, rendered as problem details with a stable
 * {@code type}.
 */
public class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final String type;

	private final String title;

	private final String detail;

	private final @Nullable Duration retryAfter;

	private final Map<String, Object> properties;

	protected ApiException(HttpStatus status, String type, String title, String detail) {
		this(status, type, title, detail, null);
	}

	protected ApiException(HttpStatus status, String type, String title, String detail, @Nullable Duration retryAfter) {
		this(status, type, title, detail, retryAfter, Map.of());
	}

	private ApiException(HttpStatus status, String type, String title, String detail, @Nullable Duration retryAfter,
			Map<String, Object> properties) {
		super(detail);
		this.status = status;
		this.type = type;
		this.title = title;
		this.detail = detail;
		this.retryAfter = retryAfter;
		this.properties = Map.copyOf(properties);
	}

	/**
	 * The request is well formed but cannot be accepted, with details for the client,
	 * such as {@code errors: [{node, message}]}.
	 * @param type the stable problem type slug
	 * @param detail what is wrong
	 * @param properties extra members of the problem details
	 * @return the exception
	 */
	public static ApiException invalid(String type, String detail, Map<String, Object> properties) {
		return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, type, "Invalid request", detail, null, properties);
	}

	/**
	 * 400: fields of the request break the input policy or their constraints; nothing was
	 * done.
	 * @param errors each {@code field} (a JSON path, parameter or header name) with its
	 * {@code message}
	 * @return the exception
	 */
	public static ApiException invalidFields(List<Map<String, String>> errors) {
		return new ApiException(HttpStatus.BAD_REQUEST, "validation-failed", "Validation failed",
				"The request has invalid fields.", null, Map.of("errors", List.copyOf(errors)));
	}

	/**
	 * 400: one field of the request is not acceptable; nothing was done.
	 * @param field the JSON path, parameter or header name
	 * @param message what is wrong with it
	 * @return the exception
	 */
	public static ApiException invalidField(String field, String message) {
		return invalidFields(List.of(Map.of("field", field, "message", message)));
	}

	/**
	 * The caller did not prove who it is (bad credentials, dead token).
	 * @param type the stable problem type slug
	 * @param detail what to do about it
	 * @return the exception
	 */
	public static ApiException unauthorized(String type, String detail) {
		return new ApiException(HttpStatus.UNAUTHORIZED, type, "Unauthorized", detail);
	}

	/**
	 * The caller did not prove who it is, with details for a peer service.
	 * @param type the stable problem type slug
	 * @param detail what to do about it
	 * @param properties extra members of the problem details
	 * @return the exception
	 */
	public static ApiException unauthorized(String type, String detail, Map<String, Object> properties) {
		return new ApiException(HttpStatus.UNAUTHORIZED, type, "Unauthorized", detail, null, properties);
	}

	/**
	 * The caller may not do this.
	 * @param type the stable problem type slug
	 * @param detail why
	 * @return the exception
	 */
	public static ApiException forbidden(String type, String detail) {
		return new ApiException(HttpStatus.FORBIDDEN, type, "Forbidden", detail);
	}

	/**
	 * 503: a service this request depends on could not answer; nothing was done.
	 * @param type the stable problem type slug
	 * @param detail what happened, for humans
	 * @param retryAfter when to try again
	 * @return the exception
	 */
	public static ApiException unavailable(String type, String detail, Duration retryAfter) {
		return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, type, "Service unavailable", detail, retryAfter);
	}

	/**
	 * 402: the request would spend money the caller's budget does not have.
	 * @param type the stable problem type slug
	 * @param detail what happened, for humans
	 * @param retryAfter when the budget renews
	 * @return the exception
	 */
	public static ApiException paymentRequired(String type, String detail, Duration retryAfter) {
		return new ApiException(HttpStatus.PAYMENT_REQUIRED, type, "Payment required", detail, retryAfter);
	}

	/**
	 * The caller must slow down; answered with {@code Retry-After}.
	 * @param type the stable problem type slug
	 * @param detail why
	 * @param retryAfter when to try again
	 * @return the exception
	 */
	public static ApiException tooManyRequests(String type, String detail, Duration retryAfter) {
		return new ApiException(HttpStatus.TOO_MANY_REQUESTS, type, "Too many requests", detail, retryAfter);
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

	/**
	 * What happened, for humans: the exception's message, which is never absent.
	 * @return the problem's detail
	 */
	public String detail() {
		return this.detail;
	}

	public @Nullable Duration retryAfter() {
		return this.retryAfter;
	}

	public Map<String, Object> properties() {
		return this.properties;
	}

}
