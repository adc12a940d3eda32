package com.hirebuddha.simulator;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the {@code [[sim:...]]} directives against a running simulator.
 */
class DirectivesTests {

	@RegisterExtension
	static final RunningSimulator simulator = new RunningSimulator();

	@Test
	void tokensSetsTheCompletionLength() {
		JsonNode body = SimulatorClient
			.json(simulator.client().post(SimulatorClient.request("Short [[sim:tokens=7]]")));
		assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(7);
		assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(8 + 5);
		assertThat(simulator.client().stream(SimulatorClient.request("Short [[sim:tokens=7]]")).contents()).hasSize(7);
	}

	@Test
	void delayMsSlowsTheStreamAndTokensArriveAsProduced() {
		SimulatorClient.StreamResult stream = simulator.client()
			.stream(SimulatorClient.request("Slow [[sim:tokens=10]] [[sim:delay_ms=30]]"));
		assertThat(stream.contents()).hasSize(10);
		assertThat(stream.elapsedMs()).isGreaterThanOrEqualTo(250);
		List<Long> arrivals = stream.arrivalsMs();
		assertThat(arrivals.get(arrivals.size() - 1) - arrivals.get(1)).isGreaterThanOrEqualTo(200);
	}

	@Test
	void delayMsAndLatencyMsSlowTheWholeAnswer() {
		long start = System.nanoTime();
		HttpResponse<String> response = simulator.client()
			.post(SimulatorClient.request("[[sim:tokens=5]] [[sim:delay_ms=20]] [[sim:latency_ms=150]]"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(250);
	}

	@Test
	void error429AnswersARateLimitWithRetryAfter() {
		HttpResponse<String> response = simulator.client().post(SimulatorClient.request("Busy? [[sim:error=429]]"));
		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
		JsonNode error = SimulatorClient.json(response).path("error");
		assertThat(error.path("type").asString()).isEqualTo("rate_limit_error");
		assertThat(error.path("code").asString()).isEqualTo("rate_limit_exceeded");
		assertThat(error.path("message").asString()).isNotBlank();
	}

	@Test
	void error503AnswersAServerErrorEvenWhenStreaming() {
		SimulatorClient.StreamResult stream = simulator.client()
			.stream(SimulatorClient.request("Down? [[sim:error=503]]"));
		assertThat(stream.response().statusCode()).isEqualTo(503);
		assertThat(stream.response().headers().firstValue("Content-Type")).hasValue("application/json");
		HttpResponse<String> response = simulator.client().post(SimulatorClient.request("Down? [[sim:error=503]]"));
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(SimulatorClient.json(response).path("error").path("type").asString()).isEqualTo("server_error");
	}

	@Test
	void failAfterBreaksTheStreamWithoutDone() {
		SimulatorClient.StreamResult stream = simulator.client()
			.stream(SimulatorClient.request("Break [[sim:fail_after=3]]"));
		assertThat(stream.response().statusCode()).isEqualTo(200);
		assertThat(stream.broken()).isTrue();
		assertThat(stream.contents()).hasSize(3);
		assertThat(stream.events()).hasSize(4).doesNotContain("[DONE]");
	}

	@Test
	void onlyTheLastUserMessageCarriesDirectives() {
		ObjectNode request = SimulatorClient.request("Now answer normally");
		request.withArray("messages")
			.insert(1, SimulatorClient.message("user", "[[sim:error=500]]"))
			.insert(2, SimulatorClient.message("assistant", "[[sim:error=500]]"));
		assertThat(simulator.client().post(request).statusCode()).isEqualTo(200);
	}

	@Test
	void rejectsInvalidDirectives() {
		HttpResponse<String> response = simulator.client().post(SimulatorClient.request("[[sim:tokens=0]]"));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(SimulatorClient.json(response).path("error").path("code").asString()).isEqualTo("invalid_directive");
		assertThat(simulator.client().post(SimulatorClient.request("[[sim:colour=blue]]")).statusCode()).isEqualTo(400);
		assertThat(simulator.client().post(SimulatorClient.request("[[sim:error=200]]")).statusCode()).isEqualTo(400);
	}

	@Test
	void servesManyConcurrentStreams() {
		try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			List<CompletableFuture<SimulatorClient.StreamResult>> streams = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				ObjectNode request = SimulatorClient.request("Caller " + i + " [[sim:tokens=10]] [[sim:delay_ms=20]]");
				streams.add(CompletableFuture.supplyAsync(() -> simulator.client().stream(request), callers));
			}
			assertThat(streams).allSatisfy((stream) -> {
				assertThat(stream.join().contents()).hasSize(10);
				assertThat(stream.join().events()).last().isEqualTo("[DONE]");
			});
		}
	}

}
