package com.hirebuddha.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Streams one completion as OpenAI server-sent events, flushing every chunk as soon as it
 * is produced.
 */
final class CompletionStream {

	private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

	private final HttpExchange exchange;

	private final ObjectMapper mapper;

	private final CompletionJson json;

	CompletionStream(HttpExchange exchange, ObjectMapper mapper, CompletionJson json) {
		this.exchange = exchange;
		this.mapper = mapper;
		this.json = json;
	}

	/**
	 * Streams the completion and closes the exchange, or aborts the connection after
	 * {@code failAfter} tokens when asked to.
	 * @param script the completion
	 * @param pacing the delay before each token
	 * @param includeUsage whether to end with a usage chunk
	 * @param failAfter how many tokens to send before aborting, if any
	 * @throws IOException if the client went away, or to abort the connection
	 */
	void send(CompletionScript script, Pacing pacing, boolean includeUsage, OptionalInt failAfter) throws IOException {
		this.exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		this.exchange.getResponseHeaders().set("Cache-Control", "no-cache");
		this.exchange.sendResponseHeaders(200, 0);
		OutputStream out = this.exchange.getResponseBody();
		write(out, this.json.roleChunk());
		int tokens = Math.min(script.completionTokens(), failAfter.orElse(Integer.MAX_VALUE));
		for (int i = 0; i < tokens; i++) {
			pacing.beforeToken();
			write(out, this.json.contentChunk(script.pieces().get(i)));
			AccessLogFilter.recordTokens(i + 1);
		}
		if (failAfter.isPresent()) {
			pacing.beforeFailure();
			throw new SimulatedStreamFailure(tokens);
		}
		write(out, this.json.finishChunk(script.finishReason()));
		if (includeUsage) {
			write(out, this.json.usageChunk(script));
		}
		out.write(DONE);
		out.flush();
		this.exchange.close();
	}

	private void write(OutputStream out, JsonNode chunk) throws IOException {
		byte[] json = this.mapper.writeValueAsBytes(chunk);
		byte[] event = new byte[json.length + 8];
		System.arraycopy("data: ".getBytes(StandardCharsets.US_ASCII), 0, event, 0, 6);
		System.arraycopy(json, 0, event, 6, json.length);
		event[event.length - 2] = '\n';
		event[event.length - 1] = '\n';
		out.write(event);
		out.flush();
	}

	/**
	 * Thrown out of the handler to make the server drop the connection mid-stream, as a
	 * {@code [[sim:fail_after]]} directive asks.
	 */
	static final class SimulatedStreamFailure extends IOException {

		SimulatedStreamFailure(int tokens) {
			super("Simulated mid-stream failure after " + tokens + " token(s)");
		}

	}

}
