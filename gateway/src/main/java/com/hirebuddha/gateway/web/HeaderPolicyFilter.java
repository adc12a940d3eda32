package com.hirebuddha.gateway.web;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The input policy for headers, at the front door: a value with control characters is
 * refused wherever it is, and the headers the platform itself reads must be printable
 * ASCII within their length. A refusal is 400 {@code validation-failed} naming the
 * header, before anything else runs. (A service's firewall refuses C1 controls in a
 * header it reads, as 400 problem+json too.)
 */
@Component
class HeaderPolicyFilter implements WebFilter, Ordered {

	/** The platform's own headers and the longest value each may have. */
	static final Map<String, Integer> OWN;

	static {
		Map<String, Integer> own = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		own.putAll(Map.of("Idempotency-Key", 255, "Last-Event-ID", 64, "X-API-Key", 200, "HB-Tenant", 64,
				"Authorization", 8192));
		OWN = Collections.unmodifiableMap(own);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		for (Map.Entry<String, List<String>> header : exchange.getRequest().getHeaders().headerSet()) {
			Integer longest = OWN.get(header.getKey());
			for (String value : header.getValue()) {
				String problem = problem(value, longest);
				if (problem != null) {
					return Problems.invalidField(exchange, header.getKey(), problem);
				}
			}
		}
		return chain.filter(exchange);
	}

	// any header: C0 controls and DEL (Netty refuses most of them before this); the
	// platform's own: printable ASCII within their length. Other headers may carry UTF-8,
	// whose bytes read as ISO-8859-1 include C1 controls (0x80-0x9F), and pass untouched
	private static @Nullable String problem(String value, @Nullable Integer longest) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if ((c < 0x20 && c != '\t') || c == 0x7f) {
				return "must not contain control characters";
			}
			if (longest != null && (c < 0x20 || c > 0x7e)) {
				return "must be printable ASCII";
			}
		}
		if (longest != null && value.length() > longest) {
			return "must be at most " + longest + " characters";
		}
		return null;
	}

	@Override
	public int getOrder() {
		// after the request id and the security headers, before everything that reads
		// a header
		return Ordered.HIGHEST_PRECEDENCE + 3;
	}

}
