package com.hirebuddha.orchestration.agents;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ingestion-service's answer to "which of these knowledge bases does the caller's tenant
 * lack", played on loopback: each tenant has the knowledge bases a test gives it, and the
 * tenant is read from the caller's token, as ingestion reads it.
 */
final class IngestionStandIn {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<UUID, Set<UUID>> knowledgeBases = new ConcurrentHashMap<>();

	private final HttpServer server;

	IngestionStandIn() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/internal/v1/knowledge-bases/unknown", this::unknown);
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	UUID give(UUID tenant) {
		UUID id = UUID.randomUUID();
		this.knowledgeBases.computeIfAbsent(tenant, (key) -> ConcurrentHashMap.newKeySet()).add(id);
		return id;
	}

	private void unknown(HttpExchange exchange) throws IOException {
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(authorization.substring(7).split("\\.")[1]));
		Set<UUID> owned = this.knowledgeBases.getOrDefault(UUID.fromString(claims.path("tid").asString()), Set.of());
		List<String> unknown = new ArrayList<>();
		JSON.readTree(exchange.getRequestBody().readAllBytes()).path("ids").forEach((id) -> {
			if (!owned.contains(UUID.fromString(id.asString()))) {
				unknown.add(id.asString());
			}
		});
		byte[] body = JSON.writeValueAsString(Map.of("unknown", unknown)).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

}
