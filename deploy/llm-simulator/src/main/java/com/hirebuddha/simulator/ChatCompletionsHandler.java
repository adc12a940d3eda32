package com.hirebuddha.simulator;

import java.io.IOException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.databind.ObjectMapper;

/**
 * Answers {@code POST /v1/chat/completions} with a simulated completion, whole or
 * streamed.
 */
final class ChatCompletionsHandler implements HttpHandler {

	/** The path this handler serves. */
	static final String PATH = "/v1/chat/completions";

	private final SimulatorSettings settings;

	private final ObjectMapper mapper;

	ChatCompletionsHandler(SimulatorSettings settings, ObjectMapper mapper) {
		this.settings = settings;
		this.mapper = mapper;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		Exchanges.require(exchange, PATH, "POST");
		CompletionRequest request = CompletionRequest.parse(Exchanges.readBody(exchange), this.mapper);
		CompletionScript script = CompletionScript.of(request, this.settings.tokens());
		Pacing pacing = Pacing.of(request.directives(), this.settings);
		pacing.beforeFirstToken();
		if (request.directives().error().isPresent()) {
			throw OpenAiException.simulated(request.directives().error().getAsInt());
		}
		CompletionJson json = new CompletionJson(this.mapper, request);
		if (request.stream()) {
			new CompletionStream(exchange, this.mapper, json).send(script, pacing, request.includeUsage(),
					request.directives().failAfter());
		}
		else {
			pacing.forTokens(script.completionTokens());
			AccessLogFilter.recordTokens(script.completionTokens());
			Exchanges.sendJson(exchange, 200, json.completion(script), this.mapper);
		}
	}

}
