package com.hirebuddha.simulator;

import java.io.IOException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Answers every path that no other handler serves with an OpenAI-style 404.
 */
final class NotFoundHandler implements HttpHandler {

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		exchange.getRequestBody().close();
		throw OpenAiException.notFound(exchange.getRequestMethod(), exchange.getRequestURI().getPath());
	}

}
