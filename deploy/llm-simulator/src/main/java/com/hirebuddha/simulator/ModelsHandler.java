package com.hirebuddha.simulator;

import java.io.IOException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers {@code GET /v1/models} with the one simulated model, and
 * {@code GET /v1/models/sim-1} with its details.
 */
final class ModelsHandler implements HttpHandler {

	/** The path this handler serves. */
	static final String PATH = "/v1/models";

	/** Who owns the simulated model, which labels it as simulated. */
	static final String OWNER = "hirebuddha-simulator";

	private static final long CREATED = 1_735_689_600L;

	private final ObjectMapper mapper;

	ModelsHandler(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		String modelPath = PATH + "/" + CompletionRequest.DEFAULT_MODEL;
		if (modelPath.equals(exchange.getRequestURI().getPath())) {
			Exchanges.require(exchange, modelPath, "GET");
			Exchanges.sendJson(exchange, 200, model(), this.mapper);
			return;
		}
		Exchanges.require(exchange, PATH, "GET");
		ObjectNode list = this.mapper.createObjectNode();
		list.put("object", "list");
		list.putArray("data").add(model());
		Exchanges.sendJson(exchange, 200, list, this.mapper);
	}

	private ObjectNode model() {
		ObjectNode model = this.mapper.createObjectNode();
		model.put("id", CompletionRequest.DEFAULT_MODEL);
		model.put("object", "model");
		model.put("created", CREATED);
		model.put("owned_by", OWNER);
		return model;
	}

}
