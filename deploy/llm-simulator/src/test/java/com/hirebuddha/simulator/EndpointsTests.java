package com.hirebuddha.simulator;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the simulator's other endpoints and its error answers.
 */
class EndpointsTests {

	@RegisterExtension
	static final RunningSimulator simulator = new RunningSimulator();

	@Test
	void listsTheSimulatedModel() {
		HttpResponse<String> response = simulator.client().get("/v1/models");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = SimulatorClient.json(response);
		assertThat(body.path("object").asString()).isEqualTo("list");
		assertThat(body.path("data")).hasSize(1);
		JsonNode model = body.path("data").get(0);
		assertThat(model.path("id").asString()).isEqualTo("sim-1");
		assertThat(model.path("object").asString()).isEqualTo("model");
		assertThat(model.path("created").isIntegralNumber()).isTrue();
		assertThat(model.path("owned_by").asString()).isEqualTo("hirebuddha-simulator");
		assertThat(SimulatorClient.json(simulator.client().get("/v1/models/sim-1"))).isEqualTo(model);
		assertThat(simulator.client().get("/v1/models/gpt-4").statusCode()).isEqualTo(404);
	}

	@Test
	void reportsHealth() {
		HttpResponse<String> response = simulator.client().get("/health");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(SimulatorClient.json(response).path("status").asString()).isEqualTo("UP");
	}

	@Test
	void rejectsBadJson() {
		HttpResponse<String> response = simulator.client().post("/v1/chat/completions", "{not json");
		assertThat(response.statusCode()).isEqualTo(400);
		assertError(SimulatorClient.json(response), "invalid_request_error", "invalid_json");
	}

	@Test
	void rejectsMissingOrEmptyMessages() {
		HttpResponse<String> missing = simulator.client().post("/v1/chat/completions", "{\"model\":\"sim-1\"}");
		assertThat(missing.statusCode()).isEqualTo(400);
		assertError(SimulatorClient.json(missing), "invalid_request_error", "missing_messages");
		HttpResponse<String> empty = simulator.client().post("/v1/chat/completions", "{\"messages\":[]}");
		assertThat(empty.statusCode()).isEqualTo(400);
		HttpResponse<String> badLimit = simulator.client()
			.post("/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":0}");
		assertThat(badLimit.statusCode()).isEqualTo(400);
	}

	@Test
	void answersUnknownPathsWith404() {
		HttpResponse<String> response = simulator.client().get("/v1/embeddings");
		assertThat(response.statusCode()).isEqualTo(404);
		assertError(SimulatorClient.json(response), "invalid_request_error", "unknown_url");
		assertThat(simulator.client().post("/v1/chat/completions/extra", "{}").statusCode()).isEqualTo(404);
	}

	@Test
	void answersWrongMethodsWith405() {
		HttpResponse<String> response = simulator.client().get("/v1/chat/completions");
		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.headers().firstValue("Allow")).hasValue("POST");
		assertError(SimulatorClient.json(response), "invalid_request_error", "method_not_allowed");
		assertThat(simulator.client().post("/health", "{}").statusCode()).isEqualTo(405);
	}

	private static void assertError(JsonNode body, String type, String code) {
		JsonNode error = body.path("error");
		assertThat(error.path("message").asString()).isNotBlank();
		assertThat(error.path("type").asString()).isEqualTo(type);
		assertThat(error.path("code").asString()).isEqualTo(code);
	}

}
