package com.hirebuddha.simulator;

import java.io.IOException;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers every route's {@link OpenAiException failures} as OpenAI-style error responses,
 * and anything unexpected as a 500 while the response has not started; handlers just
 * throw.
 */
final class OpenAiErrors extends Filter {

	private final ObjectMapper mapper;

	OpenAiErrors(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
		try {
			chain.doFilter(exchange);
		}
		catch (OpenAiException ex) {
			send(exchange, ex);
		}
		catch (RuntimeException ex) {
			if (exchange.getResponseCode() != -1) {
				throw ex;
			}
			send(exchange, new OpenAiException(500, "server_error",
					"The simulator failed unexpectedly: " + ex.getClass().getSimpleName()));
		}
	}

	private void send(HttpExchange exchange, OpenAiException error) throws IOException {
		if (error.status() == 429) {
			exchange.getResponseHeaders().set("Retry-After", "1");
		}
		Exchanges.sendJson(exchange, error.status(), body(error), this.mapper);
	}

	private ObjectNode body(OpenAiException error) {
		ObjectNode root = this.mapper.createObjectNode();
		ObjectNode details = root.putObject("error");
		details.put("message", error.getMessage());
		details.put("type", error.type());
		details.putNull("param");
		details.put("code", error.code());
		return root;
	}

	@Override
	public String description() {
		return "OpenAI-style error responses";
	}

}
