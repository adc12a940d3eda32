package com.hirebuddha.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small test client that talks to a running simulator over real HTTP.
 */
final class SimulatorClient {

	static final ObjectMapper MAPPER = JsonMapper.builder().build();

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(TIMEOUT)
		.build();

	private final URI base;

	SimulatorClient(URI base) {
		this.base = base;
	}

	/**
	 * A request body with a system message and one user message.
	 * @param userText the user message
	 * @return the body, to adjust further
	 */
	static ObjectNode request(String userText) {
		ObjectNode body = MAPPER.createObjectNode();
		body.put("model", "sim-1");
		body.putArray("messages").add(message("system", "You are a careful assistant.")).add(message("user", userText));
		return body;
	}

	static ObjectNode message(String role, String content) {
		ObjectNode message = MAPPER.createObjectNode();
		message.put("role", role);
		message.put("content", content);
		return message;
	}

	HttpResponse<String> post(String path, String body) {
		return send(HttpRequest.newBuilder(this.base.resolve(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.timeout(TIMEOUT)
			.build());
	}

	HttpResponse<String> post(JsonNode body) {
		return post("/v1/chat/completions", MAPPER.writeValueAsString(body));
	}

	HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(this.base.resolve(path)).GET().timeout(TIMEOUT).build());
	}

	static JsonNode json(HttpResponse<String> response) {
		return MAPPER.readTree(response.body());
	}

	/**
	 * Posts a streaming request and reads its events as they arrive, until the stream
	 * ends or breaks.
	 * @param body the request body; {@code stream} is set to true
	 * @return what arrived
	 */
	StreamResult stream(ObjectNode body) {
		body.put("stream", true);
		HttpRequest request = HttpRequest.newBuilder(this.base.resolve("/v1/chat/completions"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body)))
			.timeout(TIMEOUT)
			.build();
		long start = System.nanoTime();
		try {
			HttpResponse<InputStream> response = this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
			List<String> events = new ArrayList<>();
			List<Long> arrivals = new ArrayList<>();
			boolean broken = false;
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					if (line.startsWith("data: ")) {
						events.add(line.substring(6));
						arrivals.add((System.nanoTime() - start) / 1_000_000);
					}
				}
			}
			catch (IOException ex) {
				broken = true;
			}
			long elapsed = (System.nanoTime() - start) / 1_000_000;
			return new StreamResult(response, events, arrivals, broken, elapsed);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * What one streaming request received.
	 *
	 * @param response the response, whose body was consumed
	 * @param events the {@code data:} payloads in order
	 * @param arrivalsMs when each event arrived, in milliseconds after the request
	 * @param broken whether the connection broke before the stream ended
	 * @param elapsedMs how long the whole stream took
	 */
	record StreamResult(HttpResponse<InputStream> response, List<String> events, List<Long> arrivalsMs, boolean broken,
			long elapsedMs) {

		List<JsonNode> chunks() {
			return this.events.stream().filter((event) -> !event.equals("[DONE]")).map(MAPPER::readTree).toList();
		}

		List<String> contents() {
			return chunks().stream()
				.filter((chunk) -> chunk.path("choices").size() == 1)
				.map((chunk) -> chunk.path("choices").get(0).path("delta"))
				.filter((delta) -> delta.has("content") && !delta.has("role"))
				.map((delta) -> delta.path("content").asString())
				.toList();
		}

		String text() {
			return String.join("", contents());
		}

	}

}
