package com.hirebuddha.commons.web;

import java.net.URI;

/**
 * Builds the stable {@code type} URIs of problem details; docs/errors.md lists them.
 */
public final class ProblemTypes {

	/** Where problem types are documented. */
	public static final String BASE = "https://hirebuddha.dev/problems/";

	private ProblemTypes() {
	}

	/**
	 * The type URI of a problem slug.
	 * @param slug for example {@code not-found}
	 * @return the URI
	 */
	public static URI of(String slug) {
		return URI.create(BASE + slug);
	}

	/**
	 * The type of a framework-raised error, derived from its status.
	 * @param status the HTTP status code
	 * @return the URI
	 */
	public static URI forStatus(int status) {
		return of(switch (status) {
			case 400 -> "bad-request";
			case 401 -> "unauthorized";
			case 403 -> "forbidden";
			case 404 -> "not-found";
			case 405 -> "method-not-allowed";
			case 406 -> "not-acceptable";
			case 409 -> "conflict";
			case 413 -> "payload-too-large";
			case 415 -> "unsupported-media-type";
			case 422 -> "invalid-request";
			case 429 -> "too-many-requests";
			case 503 -> "service-unavailable";
			default -> (status >= 500) ? "internal-error" : "bad-request";
		});
	}

}
