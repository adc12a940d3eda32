package com.hirebuddha.worker.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.hirebuddha.worker.http.GuardedHttpClient;
import com.hirebuddha.worker.http.HttpCallException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * {@code http}: one outbound call through the SSRF-guarded client (no loopback, private,
 * link-local or metadata addresses, checked after DNS and on every redirect; the
 * connection goes to the checked address). {@code url}, {@code headers} and {@code body}
 * may hold placeholders; a body that is an object is sent as JSON. A 2xx answer's body is
 * the output; 429 and 5xx are retried only for idempotent methods, as are timeouts and
 * broken connections.
 */
@Component
class HttpNode implements NodeExecutor {

	private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE");

	private final GuardedHttpClient client;

	private final JsonMapper json = JsonMapper.builder().build();

	HttpNode(GuardedHttpClient client) {
		this.client = client;
	}

	@Override
	public String type() {
		return "http";
	}

	@Override
	public Outcome execute(Context context) throws NodeFailure {
		Map<String, Object> config = context.node().configOrEmpty();
		String method = String.valueOf(config.getOrDefault("method", "GET")).toUpperCase(java.util.Locale.ROOT);
		String url = context.render(String.valueOf(config.get("url")));
		Map<String, String> headers = new LinkedHashMap<>();
		if (config.get("headers") instanceof Map<?, ?> given) {
			given.forEach((name, value) -> headers.put(String.valueOf(name), context.render(Templates.text(value))));
		}
		Object body = config.get("body");
		String payload = null;
		if (body instanceof String text) {
			payload = context.render(text);
		}
		else if (body != null) {
			// placeholders are filled in the values before serializing, so that text with
			// quotes or newlines stays one JSON string
			payload = this.json.writeValueAsString(renderLeaves(body, context));
			headers.putIfAbsent("Content-Type", "application/json");
		}
		boolean idempotent = IDEMPOTENT.contains(method);
		GuardedHttpClient.Response response;
		try {
			response = this.client
				.execute(new GuardedHttpClient.Request(method, url, headers, payload, context.timeout()));
		}
		catch (HttpCallException ex) {
			String message = "the call to " + host(url) + " failed: " + ex.getMessage();
			throw (ex.retryable() && idempotent) ? NodeFailure.retryable(ex.reason(), message, null)
					: NodeFailure.permanent(ex.reason(), message);
		}
		int status = response.status();
		if (status >= 200 && status < 300) {
			return Outcome.text(response.body());
		}
		String message = host(url) + " answered " + status;
		if ((status == 429 || status >= 500) && idempotent) {
			throw NodeFailure.retryable("http-status", message, null);
		}
		throw NodeFailure.permanent("http-status", message);
	}

	private static Object renderLeaves(Object value, Context context) {
		if (value instanceof String text) {
			return context.render(text);
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> rendered = new LinkedHashMap<>();
			map.forEach((key, item) -> rendered.put(String.valueOf(key),
					(item != null) ? renderLeaves(item, context) : null));
			return rendered;
		}
		if (value instanceof java.util.List<?> list) {
			return list.stream().map((item) -> (item != null) ? renderLeaves(item, context) : null).toList();
		}
		return value;
	}

	// the host only: paths and queries may carry secrets
	private static String host(String url) {
		try {
			String host = java.net.URI.create(url).getHost();
			return (host != null) ? host : "the endpoint";
		}
		catch (IllegalArgumentException ex) {
			return "the endpoint";
		}
	}

}
