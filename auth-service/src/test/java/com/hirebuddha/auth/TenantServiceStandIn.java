package com.hirebuddha.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Plays tenant-service on loopback for the auth service's tests: answers tenant creation
 * and closing as the real one does, records what it was asked, and can run a hook while a
 * tenant is being created (to stage a concurrent registration). The real pair is
 * exercised end to end by the smoke test against the running fleet.
 */
final class TenantServiceStandIn {

	private static final HttpServer server = start();

	static final List<UUID> created = new CopyOnWriteArrayList<>();

	static final List<UUID> closed = new CopyOnWriteArrayList<>();

	static final Map<String, Consumer<String>> onCreate = new ConcurrentHashMap<>();

	/**
	 * Tenants the stand-in shows to whoever asks (the real one decides by the caller's
	 * token).
	 */
	static final java.util.Set<UUID> visible = ConcurrentHashMap.newKeySet();

	private TenantServiceStandIn() {
	}

	static String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	private static HttpServer start() {
		try {
			HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			http.createContext("/api/v1/tenants", TenantServiceStandIn::handle);
			http.start();
			return http;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void handle(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		String path = exchange.getRequestURI().getPath();
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			respond(exchange, 401, "{}");
			return;
		}
		if (path.equals("/api/v1/tenants")) {
			UUID id = UUID.randomUUID();
			created.add(id);
			onCreate.values().forEach((hook) -> hook.accept(body));
			respond(exchange, 201, "{\"id\":\"" + id + "\",\"status\":\"ACTIVE\"}");
		}
		else if ("GET".equals(exchange.getRequestMethod())) {
			UUID id = UUID.fromString(path.split("/")[4]);
			respond(exchange, visible.contains(id) ? 200 : 404, "{\"id\":\"" + id + "\"}");
		}
		else if (path.endsWith("/close")) {
			UUID id = UUID.fromString(path.split("/")[4]);
			closed.add(id);
			respond(exchange, 200, "{\"id\":\"" + id + "\",\"status\":\"CLOSED\"}");
		}
		else {
			respond(exchange, 404, "{}");
		}
	}

	private static void respond(HttpExchange exchange, int status, String json) throws IOException {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
