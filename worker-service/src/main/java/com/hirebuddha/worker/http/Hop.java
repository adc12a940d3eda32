package com.hirebuddha.worker.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One request of a call: the first, or one made to follow a redirect.
 *
 * @param method the upper-case method
 * @param target where to send it
 * @param headers the caller's headers, already checked
 * @param body the body, if any
 */
record Hop(String method, Target target, Map<String, String> headers, @Nullable String body) {

	private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");

	/** Headers the client writes itself; letting callers set them would break framing. */
	private static final Set<String> RESERVED = Set.of("host", "content-length", "transfer-encoding", "connection",
			"keep-alive", "upgrade", "te", "trailer", "expect", "proxy-connection");

	/** Dropped when a redirect leaves the origin, as browsers and curl do. */
	private static final Set<String> CREDENTIALS = Set.of("authorization", "proxy-authorization", "cookie");

	private static final String TOKEN_CHARS = "!#$%&'*+-.^_`|~";

	static Hop first(GuardedHttpClient.Request request) throws HttpCallException {
		String method = request.method().toUpperCase(Locale.ROOT);
		if (!METHODS.contains(method)) {
			throw HttpCallException.invalidRequest("Unsupported method: " + method);
		}
		for (Map.Entry<String, String> header : request.headers().entrySet()) {
			checkHeader(header.getKey(), header.getValue());
		}
		return new Hop(method, Target.parse(request.url()), request.headers(), request.body());
	}

	/**
	 * The request that follows a redirect: 303, and 301/302 after a POST, become a GET
	 * without a body (what every browser does); credentials stay behind if the origin
	 * changes.
	 * @param status the redirect status
	 * @param next where the redirect points
	 * @return the next request
	 */
	Hop redirectedTo(int status, Target next) {
		boolean toGet = (status == 303 && !this.method.equals("HEAD"))
				|| ((status == 301 || status == 302) && this.method.equals("POST"));
		boolean leavesOrigin = !this.target.sameOrigin(next);
		Map<String, String> kept = new LinkedHashMap<>();
		this.headers.forEach((name, value) -> {
			String lower = name.toLowerCase(Locale.ROOT);
			boolean dropped = (leavesOrigin && CREDENTIALS.contains(lower)) || (toGet && lower.startsWith("content-"));
			if (!dropped) {
				kept.put(name, value);
			}
		});
		return new Hop(toGet ? "GET" : this.method, next, kept, toGet ? null : this.body);
	}

	private static void checkHeader(String name, String value) throws HttpCallException {
		if (name.isEmpty() || !name.chars().allMatch(Hop::isTokenChar)) {
			throw HttpCallException.invalidRequest("Invalid header name");
		}
		if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
			throw HttpCallException.invalidRequest("The " + name + " header is set by the client");
		}
		// Control characters would let a value start a new header or request; the value
		// itself is left out of the message because it may be a secret.
		if (!value.chars().allMatch((c) -> c == '\t' || (c >= 0x20 && c != 0x7F))) {
			throw HttpCallException.invalidRequest("The value of header " + name + " contains control characters");
		}
	}

	private static boolean isTokenChar(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
				|| TOKEN_CHARS.indexOf(c) >= 0;
	}

}
