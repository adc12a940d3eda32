package com.hirebuddha.simulator;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests the completions of a running simulator, whole and streamed.
 */
class ChatCompletionsTests {

	@RegisterExtension
	static final RunningSimulator simulator = new RunningSimulator();

	@Test
	void answersWithAnOpenAiCompletionAndExactUsage() {
		HttpResponse<String> response = simulator.client().post(SimulatorClient.request("Tell me about the plan"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		JsonNode body = SimulatorClient.json(response);
		assertThat(body.path("id").asString()).startsWith("chatcmpl-");
		assertThat(body.path("object").asString()).isEqualTo("chat.completion");
		assertThat(body.path("created").asLong()).isCloseTo(Instant.now().getEpochSecond(), within(60L));
		assertThat(body.path("model").asString()).isEqualTo("sim-1");
		assertThat(body.path("system_fingerprint").asString()).isEqualTo("hirebuddha-simulator");
		JsonNode choice = body.path("choices").get(0);
		assertThat(choice.path("index").asInt()).isZero();
		assertThat(choice.path("message").path("role").asString()).isEqualTo("assistant");
		String content = choice.path("message").path("content").asString();
		assertThat(content).startsWith("Simulated response: ").endsWith(".");
		assertThat(content.split(" ")).hasSize(48);
		assertThat(choice.path("finish_reason").asString()).isEqualTo("stop");
		// 5 + 3 for the system message, 5 + 3 for the user message
		assertUsage(body.path("usage"), 16, 48);
	}

	@Test
	void echoesTheRequestedModelAndReadsContentParts() {
		ObjectNode request = SimulatorClient.MAPPER.createObjectNode();
		request.put("model", "gpt-4o-mini");
		ObjectNode message = request.putArray("messages").addObject();
		message.put("role", "user");
		message.putArray("content")
			.add(SimulatorClient.MAPPER.createObjectNode().put("type", "text").put("text", "Hello there"))
			.add(SimulatorClient.MAPPER.createObjectNode().put("type", "text").put("text", "friend"));
		JsonNode body = SimulatorClient.json(simulator.client().post(request));
		assertThat(body.path("model").asString()).isEqualTo("gpt-4o-mini");
		assertUsage(body.path("usage"), 6, 48);
	}

	@Test
	void streamsTheSameCompletionChunkByChunk() {
		HttpResponse<String> wholeResponse = simulator.client().post(SimulatorClient.request("Stream it please"));
		String whole = content(wholeResponse);
		ObjectNode request = SimulatorClient.request("Stream it please");
		request.putObject("stream_options").put("include_usage", true);
		SimulatorClient.StreamResult stream = simulator.client().stream(request);
		assertThat(stream.response().statusCode()).isEqualTo(200);
		assertThat(stream.response().headers().firstValue("Content-Type")).hasValue("text/event-stream");
		assertThat(stream.broken()).isFalse();
		List<JsonNode> chunks = stream.chunks();
		assertThat(chunks).hasSize(1 + 48 + 1 + 1);
		assertThat(chunks).allSatisfy((chunk) -> {
			assertThat(chunk.path("object").asString()).isEqualTo("chat.completion.chunk");
			assertThat(chunk.path("system_fingerprint").asString()).isEqualTo("hirebuddha-simulator");
			assertThat(chunk.path("id").asString()).isEqualTo(chunks.get(0).path("id").asString());
		});
		JsonNode role = chunks.get(0).path("choices").get(0).path("delta");
		assertThat(role.path("role").asString()).isEqualTo("assistant");
		assertThat(role.path("content").asString()).isEmpty();
		assertThat(stream.contents()).hasSize(48);
		assertThat(stream.text()).isEqualTo(whole);
		JsonNode finish = chunks.get(49).path("choices").get(0);
		assertThat(finish.path("delta").isEmpty()).isTrue();
		assertThat(finish.path("finish_reason").asString()).isEqualTo("stop");
		JsonNode usage = chunks.get(50);
		assertThat(usage.path("choices").isEmpty()).isTrue();
		// 5 + 3 for the system message, 3 + 3 for the user message
		assertUsage(usage.path("usage"), 14, 48);
		assertThat(usage.path("usage")).isEqualTo(SimulatorClient.json(wholeResponse).path("usage"));
		assertThat(stream.events()).last().isEqualTo("[DONE]");
	}

	@Test
	void streamsWithoutUsageChunkUnlessAsked() {
		SimulatorClient.StreamResult stream = simulator.client().stream(SimulatorClient.request("No usage"));
		List<String> events = stream.events();
		assertThat(events).hasSize(1 + 48 + 1 + 1).last().isEqualTo("[DONE]");
		JsonNode finish = stream.chunks().get(49);
		assertThat(finish.path("choices").get(0).path("finish_reason").asString()).isEqualTo("stop");
		assertThat(stream.chunks()).noneMatch((chunk) -> chunk.has("usage"));
	}

	@Test
	void isDeterministic() {
		String first = content(simulator.client().post(SimulatorClient.request("What is the weather?")));
		String again = content(simulator.client().post(SimulatorClient.request("What is the weather?")));
		String other = content(simulator.client().post(SimulatorClient.request("What is the time?")));
		ObjectNode otherModel = SimulatorClient.request("What is the weather?").put("model", "sim-2");
		assertThat(again).isEqualTo(first);
		assertThat(other).isNotEqualTo(first);
		assertThat(content(simulator.client().post(otherModel))).isNotEqualTo(first);
	}

	@Test
	void cutsAtMaxTokensWithFinishReasonLength() {
		String whole = content(simulator.client().post(SimulatorClient.request("Cut me short")));
		JsonNode body = SimulatorClient
			.json(simulator.client().post(SimulatorClient.request("Cut me short").put("max_tokens", 5)));
		JsonNode choice = body.path("choices").get(0);
		assertThat(choice.path("finish_reason").asString()).isEqualTo("length");
		String cut = choice.path("message").path("content").asString();
		assertThat(whole).startsWith(cut);
		assertThat(cut.split(" ")).hasSize(5);
		assertUsage(body.path("usage"), 14, 5);
		SimulatorClient.StreamResult stream = simulator.client()
			.stream(SimulatorClient.request("Cut me short").put("max_completion_tokens", 5));
		assertThat(stream.text()).isEqualTo(cut);
		assertThat(stream.chunks().get(6).path("choices").get(0).path("finish_reason").asString()).isEqualTo("length");
	}

	private static String content(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(200);
		return SimulatorClient.json(response).path("choices").get(0).path("message").path("content").asString();
	}

	private static void assertUsage(JsonNode usage, int prompt, int completion) {
		assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(prompt);
		assertThat(usage.path("completion_tokens").asInt()).isEqualTo(completion);
		assertThat(usage.path("total_tokens").asInt()).isEqualTo(prompt + completion);
	}

}
