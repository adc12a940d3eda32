package com.hirebuddha.tenant.organizations;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Plays auth-service on loopback for tenant-service's tests: accepts a tenant's first
 * admin (201, or 202 for an invitation) and refuses {@code taken@…} emails with 409
 * problem+json, as the real one does. The real pair meets in the smoke test.
 */
final class AuthServiceStandIn {

	static final List<String> requests = new CopyOnWriteArrayList<>();

	private static final HttpServer server = start();

	private AuthServiceStandIn() {
	}

	static String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	private static HttpServer start() {
		try {
			HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			http.createContext("/api/v1/auth/tenant-admins", AuthServiceStandIn::handle);
			http.start();
			return http;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void handle(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		requests.add(exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
		if (body.contains("taken@")) {
			respond(exchange, 409, "{\"type\":\"https://hirebuddha.dev/problems/email-taken\",\"status\":409,"
					+ "\"detail\":\"An account with this email already exists; sign in instead.\"}");
		}
		else if (body.contains("\"password\"")) {
			respond(exchange, 201, "{\"userId\":\"00000000-0000-0000-0000-000000000001\"}");
		}
		else {
			respond(exchange, 202, "{\"invitationId\":\"00000000-0000-0000-0000-000000000002\"}");
		}
	}

	private static void respond(HttpExchange exchange, int status, String json) throws IOException {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders()
			.add("Content-Type", (status >= 400) ? "application/problem+json" : "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
