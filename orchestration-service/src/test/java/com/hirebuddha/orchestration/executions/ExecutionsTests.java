package com.hirebuddha.orchestration.executions;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import com.hirebuddha.commons.events.EventCodec;
import com.hirebuddha.commons.events.EventEnvelope;
import com.hirebuddha.commons.events.Topics;
import com.hirebuddha.commons.test.ServiceClient;
import com.hirebuddha.commons.test.ServiceTest;
import com.hirebuddha.commons.test.TestTokens;
import com.hirebuddha.commons.test.TopicLimit;
import com.hirebuddha.commons.test.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Executions over HTTP against real PostgreSQL and an embedded broker. The worker's side
 * of the contract ({@code execution.events}) is played by the test, event by event; the
 * whole path with a real worker runs in {@code make smoke} (docs/testing.md).
 */
@ServiceTest
class ExecutionsTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final int port;

	private final ServiceClient client;

	private final JdbcClient jdbc;

	private final KafkaTemplate<String, String> kafka;

	private final EventCodec codec;

	private final ExecutionWatchdog watchdog;

	private final String brokers;

	ExecutionsTests(@LocalServerPort int port, JdbcClient jdbc, KafkaTemplate<String, String> kafka, EventCodec codec,
			ExecutionWatchdog watchdog, @Value("${spring.kafka.bootstrap-servers}") String brokers) {
		this.port = port;
		this.client = new ServiceClient(port);
		this.jdbc = jdbc;
		this.kafka = kafka;
		this.codec = codec;
		this.watchdog = watchdog;
		this.brokers = brokers;
	}

	@Test
	void aRunIsAcceptedAtOnceWithThePinnedAgentVersionOnItsWayToTheWorkers() throws Exception {
		UUID tenant = UUID.randomUUID();
		ServiceClient member = member(tenant);
		String agent = body(member.post("/api/v1/agents", agent("Helper", "v1")), 201).path("id").asString();
		body(member.send("PUT", "/api/v1/agents/" + agent, agent("Helper", "v2")), 200);

		HttpResponse<String> accepted = member.post("/api/v1/agents/" + agent + "/executions",
				"{\"input\":{\"message\":\"hello\"}}");
		JsonNode execution = body(accepted, 202);
		String id = execution.path("id").asString();
		assertThat(execution.path("status").asString()).isEqualTo("PENDING");
		assertThat(execution.path("agentVersion").asInt()).isEqualTo(2);
		assertThat(accepted.headers().firstValue("Location")).hasValue("/api/v1/executions/" + id);

		try (TopicProbe requested = new TopicProbe(this.brokers, Topics.EXECUTION_REQUESTED)) {
			List<ConsumerRecord<String, String>> records = requested.await((r) -> r.key().equals(id), 1,
					Duration.ofSeconds(10));
			assertThat(records).hasSize(1);
			JsonNode data = this.codec.read(records.get(0).value()).data();
			assertThat(data.path("agents").path(agent).path("version").asInt()).isEqualTo(2);
			assertThat(data.path("agents").path(agent).path("systemPrompt").asString()).isEqualTo("v2");
			assertThat(data.path("graph").path("nodes").get(0).path("type").asString()).isEqualTo("agent");
			assertThat(data.path("input").path("message").asString()).isEqualTo("hello");
		}
	}

	@Test
	void anIdempotencyKeyNamesOneRunAndRefusesADifferentRequest() throws Exception {
		UUID tenant = UUID.randomUUID();
		ServiceClient member = member(tenant);
		String agent = body(member.post("/api/v1/agents", agent("Helper", "p")), 201).path("id").asString();
		String path = "/api/v1/agents/" + agent + "/executions";
		Map<String, String> key = Map.of("Idempotency-Key", "order-42");

		HttpResponse<String> first = member.send("POST", path, "{\"input\":{\"message\":\"a\"}}", key);
		HttpResponse<String> again = member.send("POST", path, "{\"input\":{\"message\":\"a\"}}", key);
		assertThat(body(again, 202).path("id").asString()).isEqualTo(body(first, 202).path("id").asString());
		assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();

		HttpResponse<String> different = member.send("POST", path, "{\"input\":{\"message\":\"b\"}}", key);
		assertThat(different.statusCode()).isEqualTo(422);
		assertThat(this.json.readTree(different.body()).path("type").asString()).endsWith("/idempotency-key-reused");

		// another tenant's key of the same name is another key
		String theirAgent = body(member(UUID.randomUUID()).post("/api/v1/agents", agent("Theirs", "p")), 201).path("id")
			.asString();
		assertThat(member(UUID.randomUUID()).send("POST", "/api/v1/agents/" + theirAgent + "/executions", "{}", key)
			.statusCode()).isEqualTo(404);

		// ten racing requests with a fresh key: one run
		ExecutorService pool = Executors.newFixedThreadPool(10);
		List<Callable<HttpResponse<String>>> racers = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			racers.add(() -> member.send("POST", path, "{\"input\":{\"message\":\"race\"}}",
					Map.of("Idempotency-Key", "race-1")));
		}
		Set<String> ids = new java.util.HashSet<>();
		for (Future<HttpResponse<String>> racer : pool.invokeAll(racers)) {
			ids.add(body(racer.get(), 202).path("id").asString());
		}
		pool.shutdown();
		assertThat(ids).hasSize(1);
		assertThat(this.jdbc.sql("select count(*) from execution where tenant_id = :t and input->>'message' = 'race'")
			.param("t", tenant)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void progressFromTheWorkerIsStoredOnceAndTheStoryCanBeReplayedFromAnyPoint() throws Exception {
		UUID tenant = UUID.randomUUID();
		ServiceClient member = member(tenant);
		String agent = body(member.post("/api/v1/agents", agent("Helper", "p")), 201).path("id").asString();
		UUID id = UUID.fromString(
				body(member.post("/api/v1/agents/" + agent + "/executions", "{\"input\":{\"message\":\"hi\"}}"), 202)
					.path("id")
					.asString());
		SseClient sse = new SseClient(this.port, TestTokens.user(tenant, "TENANT_MEMBER"));
		SseClient.Stream live = sse.open("/api/v1/executions/" + id + "/events", null);

		List<Map<String, Object>> story = workerStory(id);
		for (Map<String, Object> event : story) {
			progress(tenant, id, event);
		}
		// a redelivered event changes nothing
		progress(tenant, id, story.get(3));

		List<SseClient.Event> seen = live.awaitEnd(Duration.ofSeconds(15));
		assertThat(seen).extracting(SseClient.Event::name)
			.containsExactly("status", "node_started", "text_delta", "text_delta", "node_completed", "final_result");
		assertThat(seen.stream().map((e) -> Long.parseLong(e.id())).toList()).isSorted();

		JsonNode execution = body(member.get("/api/v1/executions/" + id), 200);
		assertThat(execution.path("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(execution.path("output").asString()).isEqualTo("Hello there");
		assertThat(execution.path("usage").path("inputTokens").asLong()).isEqualTo(9);
		assertThat(execution.path("usage").path("outputTokens").asLong()).isEqualTo(2);
		assertThat(execution.path("usage").path("costMicros").asLong()).isEqualTo(8);
		JsonNode step = execution.path("steps").get(0);
		assertThat(step.path("nodeId").asString()).isEqualTo("agent");
		assertThat(step.path("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(step.path("model").asString()).isEqualTo("simulator/sim-1");
		assertThat(step.path("durationMs").isNumber()).isTrue();

		// a client that comes after the end gets the whole story; one that reconnects
		// gets what it missed
		List<SseClient.Event> whole = sse.open("/api/v1/executions/" + id + "/events", null)
			.awaitEnd(Duration.ofSeconds(10));
		assertThat(whole).isEqualTo(seen);
		List<SseClient.Event> rest = sse.open("/api/v1/executions/" + id + "/events", seen.get(2).id())
			.awaitEnd(Duration.ofSeconds(10));
		assertThat(rest).isEqualTo(seen.subList(3, seen.size()));
	}

	@Test
	void cancelAsksTheWorkersAndAFinishedRunCannotBeCancelled() throws Exception {
		UUID tenant = UUID.randomUUID();
		ServiceClient member = member(tenant);
		String agent = body(member.post("/api/v1/agents", agent("Helper", "p")), 201).path("id").asString();
		UUID id = UUID
			.fromString(body(member.post("/api/v1/agents/" + agent + "/executions", "{}"), 202).path("id").asString());

		assertThat(member.post("/api/v1/executions/" + id + "/cancel", "").statusCode()).isEqualTo(202);
		try (TopicProbe requested = new TopicProbe(this.brokers, Topics.EXECUTION_REQUESTED)) {
			assertThat(requested.await((r) -> r.key().equals(id.toString()) && r.value().contains("cancel-requested"),
					1, Duration.ofSeconds(10)))
				.hasSize(1);
		}
		progress(tenant, id,
				Map.of("executionId", id, "event", "status", "status", "CANCELLED", "at", Instant.now().toString()));
		awaitStatus(member, id, "CANCELLED");
		HttpResponse<String> again = member.post("/api/v1/executions/" + id + "/cancel", "");
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(this.json.readTree(again.body()).path("type").asString()).endsWith("/execution-finished");
	}

	@Test
	void anotherTenantsExecutionAnswers404Everywhere() throws Exception {
		ServiceClient mine = member(UUID.randomUUID());
		ServiceClient theirs = member(UUID.randomUUID());
		String agent = body(mine.post("/api/v1/agents", agent("Mine", "p")), 201).path("id").asString();
		String id = body(mine.post("/api/v1/agents/" + agent + "/executions", "{}"), 202).path("id").asString();

		assertThat(theirs.get("/api/v1/executions/" + id).statusCode()).isEqualTo(404);
		assertThat(theirs.get("/api/v1/executions/" + id + "/events").statusCode()).isEqualTo(404);
		assertThat(theirs.post("/api/v1/executions/" + id + "/cancel", "").statusCode()).isEqualTo(404);
		assertThat(theirs.post("/api/v1/agents/" + agent + "/executions", "{}").statusCode()).isEqualTo(404);
		assertThat(body(theirs.get("/api/v1/executions"), 200).path("items")).isEmpty();
		assertThat(body(mine.get("/api/v1/executions"), 200).path("items")).hasSize(1);
	}

	@Test
	void aWorkflowRunNeedsTheInputsItsNodesReadAndApiKeysNeedTheRunScope() throws Exception {
		UUID tenant = UUID.randomUUID();
		ServiceClient member = member(tenant);
		String agent = body(member.post("/api/v1/agents", agent("Helper", "p")), 201).path("id").asString();
		String workflow = body(member.post("/api/v1/workflows", """
				{"name":"Brief","graph":{"nodes":[
				  {"id":"brief","type":"template","config":{"template":"Topic: {{input.topic}}"}},
				  {"id":"ask","type":"agent","config":{"agentId":"%s","prompt":"{{nodes.brief.output}}"}}],
				 "edges":[{"from":"brief","to":"ask"}]}}""".formatted(agent)), 201).path("id").asString();

		HttpResponse<String> missing = member.post("/api/v1/workflows/" + workflow + "/executions", "{\"input\":{}}");
		assertThat(missing.statusCode()).isEqualTo(422);
		JsonNode problem = this.json.readTree(missing.body());
		assertThat(problem.path("type").asString()).endsWith("/missing-input");
		assertThat(problem.path("errors").get(0).path("node").asString()).isEqualTo("brief");
		assertThat(this.jdbc.sql("select count(*) from execution where tenant_id = :t")
			.param("t", tenant)
			.query(Long.class)
			.single()).isZero();

		JsonNode accepted = body(
				member.post("/api/v1/workflows/" + workflow + "/executions", "{\"input\":{\"topic\":\"tea\"}}"), 202);
		assertThat(accepted.path("workflowId").asString()).isEqualTo(workflow);

		ServiceClient key = this.client.withBearer(apiKey(tenant, "agents:read"));
		assertThat(
				key.post("/api/v1/workflows/" + workflow + "/executions", "{\"input\":{\"topic\":\"x\"}}").statusCode())
			.isEqualTo(403);
		ServiceClient runner = this.client.withBearer(apiKey(tenant, "workflows:run"));
		assertThat(runner.post("/api/v1/workflows/" + workflow + "/executions", "{\"input\":{\"topic\":\"x\"}}")
			.statusCode()).isEqualTo(202);
		assertThat(runner.get("/api/v1/executions").statusCode()).isEqualTo(200);
	}

	@Test
	void transactionsArePlainJdbcOnes(
			@org.springframework.beans.factory.annotation.Autowired org.springframework.transaction.PlatformTransactionManager transactions) {
		assertThat(transactions).isInstanceOf(org.springframework.jdbc.support.JdbcTransactionManager.class);
	}

	@Test
	void theWatchdogFailsARunNoWorkerFinishedAndEndsItsStream() throws Exception {
		UUID tenant = UUID.randomUUID();
		ServiceClient member = member(tenant);
		String agent = body(member.post("/api/v1/agents", agent("Helper", "p")), 201).path("id").asString();
		UUID id = UUID
			.fromString(body(member.post("/api/v1/agents/" + agent + "/executions", "{}"), 202).path("id").asString());
		SseClient.Stream stream = new SseClient(this.port, TestTokens.user(tenant, "TENANT_MEMBER"))
			.open("/api/v1/executions/" + id + "/events", null);
		this.jdbc.sql("update execution set deadline = now() - interval '1 hour' where id = :id")
			.param("id", id)
			.update();

		this.watchdog.sweep();

		JsonNode execution = body(member.get("/api/v1/executions/" + id), 200);
		assertThat(execution.path("status").asString()).isEqualTo("FAILED");
		assertThat(execution.path("error").path("code").asString()).isEqualTo("worker-lost");
		assertThat(stream.awaitEnd(Duration.ofSeconds(10))).extracting(SseClient.Event::name).containsExactly("error");
	}

	@Test
	void aRunWhoseRequestCouldNotBeCarriedIsRefusedAtAcceptAndNothingIsStored() throws Exception {
		UUID tenant = UUID.randomUUID();
		ServiceClient member = member(tenant);
		String agent = body(member.post("/api/v1/agents", agent("Helper", "p")), 201).path("id").asString();
		String tooBig = "x".repeat(1_100_000);

		HttpResponse<String> refused = member.post("/api/v1/agents/" + agent + "/executions",
				"{\"input\":{\"message\":\"" + tooBig + "\"}}");

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(413);
		JsonNode problem = this.json.readTree(refused.body());
		assertThat(problem.path("type").asString()).endsWith("/payload-too-large");
		assertThat(problem.path("detail").asString()).contains("1000000 bytes");
		// 400,000 small numbers: 800 KB as sent, but jsonb spaces them out to 1.2 MB, and
		// that is what the relay would send
		String spread = "[" + "0,".repeat(399_999) + "0]";
		HttpResponse<String> spaced = member.post("/api/v1/agents/" + agent + "/executions",
				"{\"input\":{\"rows\":" + spread + "}}");
		assertThat(spaced.statusCode()).as(spaced.body()).isEqualTo(413);
		assertThat(this.jdbc.sql("select count(*) from execution where tenant_id = :t")
			.param("t", tenant)
			.query(Long.class)
			.single()).as("nothing was accepted").isZero();
		assertThat(this.jdbc.sql("select count(*) from outbox_event where tenant_id = :t")
			.param("t", tenant)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aRunWhoseRequestTheBrokerRefusesEndsFailedWithTheReasonAndItsStreamEnds() throws Exception {
		UUID tenant = UUID.randomUUID();
		ServiceClient member = member(tenant);
		String agent = body(member.post("/api/v1/agents", agent("Helper", "p")), 201).path("id").asString();
		// an operator lowered the topic's limit under the platform's: the broker refuses
		// the event for good, and the relay parks it
		try (TopicLimit limit = TopicLimit.lower(this.brokers, Topics.EXECUTION_REQUESTED, 4096)) {
			UUID id = UUID.fromString(body(member.post("/api/v1/agents/" + agent + "/executions",
					"{\"input\":{\"message\":\"" + "y".repeat(8_000) + "\"}}"), 202)
				.path("id")
				.asString());
			SseClient.Stream stream = new SseClient(this.port, TestTokens.user(tenant, "TENANT_MEMBER"))
				.open("/api/v1/executions/" + id + "/events", null);

			awaitStatus(member, id, "FAILED");
			JsonNode execution = body(member.get("/api/v1/executions/" + id), 200);
			assertThat(execution.path("error").path("code").asString()).isEqualTo("event-undeliverable");
			assertThat(execution.path("error").path("message").asString()).contains("RecordTooLarge");
			assertThat(stream.awaitEnd(Duration.ofSeconds(10))).extracting(SseClient.Event::name)
				.containsExactly("error");
		}
	}

	private List<Map<String, Object>> workerStory(UUID id) {
		String at = Instant.now().toString();
		List<Map<String, Object>> story = new ArrayList<>();
		story.add(Map.of("executionId", id, "event", "status", "status", "RUNNING", "at", at));
		story.add(Map.of("executionId", id, "event", "node_started", "nodeId", "agent", "nodeType", "agent", "attempt",
				1, "model", "simulator/sim-1", "at", at));
		story.add(Map.of("executionId", id, "event", "text_delta", "nodeId", "agent", "attempt", 1, "text", "Hello",
				"at", at));
		story.add(Map.of("executionId", id, "event", "text_delta", "nodeId", "agent", "attempt", 1, "text", " there",
				"at", at));
		Map<String, Object> completed = new HashMap<>(
				Map.of("executionId", id, "event", "node_completed", "nodeId", "agent", "nodeType", "agent", "attempt",
						1, "status", "SUCCEEDED", "output", "Hello there", "model", "simulator/sim-1", "at", at));
		completed.putAll(Map.of("inputTokens", 9, "outputTokens", 2, "costMicros", 8));
		story.add(completed);
		story.add(Map.of("executionId", id, "event", "final_result", "status", "SUCCEEDED", "output", "Hello there",
				"inputTokens", 9, "outputTokens", 2, "costMicros", 8, "at", at));
		return story;
	}

	private final Map<String, UUID> eventIds = new java.util.concurrent.ConcurrentHashMap<>();

	private void progress(UUID tenant, UUID execution, Map<String, Object> data) {
		UUID eventId = this.eventIds.computeIfAbsent(execution + ":"
				+ data.entrySet()
					.stream()
					.filter((e) -> !"at".equals(e.getKey()))
					.map(String::valueOf)
					.sorted()
					.collect(Collectors.joining(",")),
				(k) -> UUID.randomUUID());
		EventEnvelope envelope = new EventEnvelope(EventEnvelope.SPEC_VERSION, eventId, ProgressEvent.TYPE,
				"/worker-service", Instant.now(), tenant, this.codec.tree(data));
		this.kafka.send(Topics.EXECUTION_EVENTS, execution.toString(), this.codec.write(envelope)).join();
	}

	private void awaitStatus(ServiceClient member, UUID id, String status) throws Exception {
		long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		String seen = null;
		while (System.nanoTime() < until) {
			seen = body(member.get("/api/v1/executions/" + id), 200).path("status").asString();
			if (status.equals(seen)) {
				return;
			}
			Thread.sleep(50);
		}
		assertThat(seen).isEqualTo(status);
	}

	private ServiceClient member(UUID tenant) {
		return this.client.withBearer(TestTokens.user(tenant, "TENANT_MEMBER"));
	}

	private static String apiKey(UUID tenant, String scope) {
		return TestTokens.sign((claims) -> claims.claim("tid", tenant.toString())
			.claim("roles", List.of("TENANT_MEMBER"))
			.claim("typ", "api-key")
			.claim("scope", scope));
	}

	private JsonNode body(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		return this.json.readTree(response.body());
	}

	private static String agent(String name, String prompt) {
		return "{\"name\":\"" + name + "\",\"systemPrompt\":\"" + prompt
				+ "\",\"model\":{\"provider\":\"simulator\",\"name\":\"sim-1\"}}";
	}

}
