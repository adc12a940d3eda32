package com.hirebuddha.simulator;

import java.io.IOException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers {@code GET /health} with {@code {"status":"UP"}}.
 */
final class HealthHandler implements HttpHandler {

	/** The path this handler serves. */
	static final String PATH = "/health";

	private final ObjectMapper mapper;

	HealthHandler(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		Exchanges.require(exchange, PATH, "GET");
		ObjectNode health = this.mapper.createObjectNode();
		health.put("status", "UP");
		Exchanges.sendJson(exchange, 200, health, this.mapper);
	}

}
