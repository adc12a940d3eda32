package com.hirebuddha.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Small helpers shared by the handlers to check and answer an {@link HttpExchange}.
 */
final class Exchanges {

	private static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

	private Exchanges() {
	}

	/**
	 * Checks that the request targets exactly the given path and uses the given method.
	 * @param exchange the exchange
	 * @param path the expected path
	 * @param method the expected method
	 * @throws OpenAiException a 404 or 405 failure otherwise
	 */
	static void require(HttpExchange exchange, String path, String method) {
		String actualPath = exchange.getRequestURI().getPath();
		if (!path.equals(actualPath)) {
			throw OpenAiException.notFound(exchange.getRequestMethod(), actualPath);
		}
		if (!method.equals(exchange.getRequestMethod())) {
			exchange.getResponseHeaders().set("Allow", method);
			throw OpenAiException.methodNotAllowed(exchange.getRequestMethod(), actualPath);
		}
	}

	static byte[] readBody(HttpExchange exchange) throws IOException {
		try (InputStream in = exchange.getRequestBody()) {
			byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
			if (body.length > MAX_BODY_BYTES) {
				throw new OpenAiException(413, "request_too_large",
						"The request body exceeds " + MAX_BODY_BYTES + " bytes.");
			}
			return body;
		}
	}

	static void sendJson(HttpExchange exchange, int status, JsonNode body, ObjectMapper mapper) throws IOException {
		byte[] bytes = mapper.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
