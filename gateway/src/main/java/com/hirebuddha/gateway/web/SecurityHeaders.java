package com.hirebuddha.gateway.web;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * The headers every answer of the gateway carries, whoever wrote it (a service, the
 * console, the gateway's own refusals, or Netty's answer to a request it could not even
 * parse): the console's content security policy, no sniffing, no framing, no referrer, no
 * powerful features, and no caching unless the answer chose its own.
 */
public final class SecurityHeaders {

	/** The console's policy: same-origin everything, no framing, no inline scripts. */
	public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; "
			+ "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

	/** Set whenever the answer has not set them itself. */
	static final Map<String, String> ALWAYS = Map.of("Content-Security-Policy", CONTENT_SECURITY_POLICY,
			"X-Content-Type-Options", "nosniff", "X-Frame-Options", "DENY", "Referrer-Policy", "no-referrer",
			"Permissions-Policy", "camera=(), microphone=(), geolocation=()", "X-XSS-Protection", "0");

	/** Set together, unless the answer set any caching header of its own. */
	static final Map<String, String> NO_CACHE = Map.of("Cache-Control",
			"no-cache, no-store, max-age=0, must-revalidate", "Pragma", "no-cache", "Expires", "0");

	/** Set on answers to requests that came over TLS. */
	static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000 ; includeSubDomains";

	private SecurityHeaders() {
	}

	/**
	 * Adds what the answer lacks.
	 * @param present whether the answer has a header
	 * @param set sets a header
	 * @param secure whether the request came over TLS
	 */
	static void apply(Predicate<String> present, BiConsumer<String, String> set, boolean secure) {
		ALWAYS.forEach((name, value) -> {
			if (!present.test(name)) {
				set.accept(name, value);
			}
		});
		if (NO_CACHE.keySet().stream().noneMatch(present)) {
			NO_CACHE.forEach(set);
		}
		if (secure && !present.test("Strict-Transport-Security")) {
			set.accept("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
		}
	}

}
