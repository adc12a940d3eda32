package com.hirebuddha.worker.engine;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.hirebuddha.commons.events.EventCodec;
import com.hirebuddha.commons.events.EventEnvelope;
import com.hirebuddha.commons.events.Topics;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes a run's progress on {@code execution.events}, keyed by execution id so that
 * one run's events keep their order. Every event id is derived from what it reports
 * (execution, node, attempt, position), so an event sent again after a crash is the same
 * event and orchestration stores it once. Lifecycle events wait for the broker; text
 * deltas do not. A run's state lives in this service's database, not in these events: a
 * final event the broker did not take is sent again by the engine.
 */
@Component
class Progress {

	private static final Logger log = LoggerFactory.getLogger(Progress.class);

	static final String TYPE = "hirebuddha.execution.progress.v1";

	/** The most bytes (escaped UTF-8) of an output an event carries. */
	static final int MAX_OUTPUT = 256 * 1024;

	private final KafkaTemplate<String, String> kafka;

	private final EventCodec codec;

	Progress(KafkaTemplate<String, String> kafka, EventCodec codec) {
		this.kafka = kafka;
		this.codec = codec;
	}

	void status(UUID tenantId, UUID executionId, String status, int claim) {
		send(tenantId, id(executionId, "status", status, claim), Event.of(executionId, "status").status(status));
	}

	void nodeStarted(UUID tenantId, UUID executionId, String nodeId, String nodeType, int attempt,
			@Nullable String model) {
		send(tenantId, id(executionId, "started", nodeId, attempt),
				Event.of(executionId, "node_started").node(nodeId, nodeType, attempt).model(model));
	}

	void textDelta(UUID tenantId, UUID executionId, String nodeId, int attempt, int chunk, String text) {
		send(tenantId, id(executionId, "delta", nodeId, attempt, chunk),
				Event.of(executionId, "text_delta").node(nodeId, null, attempt).text(text));
	}

	CompletableFuture<Boolean> nodeCompleted(UUID tenantId, UUID executionId, NodeState state) {
		return send(tenantId, id(executionId, "completed", state.nodeId()),
				Event.of(executionId, "node_completed")
					.node(state.nodeId(), state.nodeType(), state.attempts())
					.status(state.status())
					.output(capped(state.output()))
					.error(state.error())
					.model(state.model())
					.citations(state.citations())
					.usage(state.inputTokens(), state.outputTokens(), state.costMicros()));
	}

	/**
	 * Sends a run's final event.
	 * @return completes with true once the broker acknowledged it
	 */
	CompletableFuture<Boolean> finished(UUID tenantId, UUID executionId, String status, @Nullable String output,
			@Nullable Map<String, Object> error, long inputTokens, long outputTokens, long costMicros,
			@Nullable List<Map<String, Object>> citations) {
		String name = switch (status) {
			case RunStatus.SUCCEEDED -> "final_result";
			case RunStatus.FAILED -> "error";
			default -> "status";
		};
		return send(tenantId, id(executionId, "finished"),
				Event.of(executionId, name)
					.status(status)
					.output(capped(output))
					.error(error)
					.citations(citations)
					.usage(inputTokens, outputTokens, costMicros));
	}

	private CompletableFuture<Boolean> send(UUID tenantId, UUID id, Event event) {
		EventEnvelope envelope = new EventEnvelope(EventEnvelope.SPEC_VERSION, id, TYPE, "/worker-service", event.at,
				tenantId, this.codec.tree(event));
		try {
			return this.kafka.send(Topics.EXECUTION_EVENTS, event.executionId.toString(), this.codec.write(envelope))
				.handle((result, failure) -> {
					if (failure != null) {
						log.warn("progress event {} of execution {} not acknowledged: {}", event.event,
								event.executionId, failure.toString());
					}
					return failure == null;
				});
		}
		catch (RuntimeException ex) {
			log.warn("progress event {} of execution {} not sent: {}", event.event, event.executionId, ex.toString());
			return CompletableFuture.completedFuture(false);
		}
	}

	// an event must fit a Kafka record, in bytes as it travels (a control character takes
	// six); the worker's tables keep the whole text
	static @Nullable String capped(@Nullable String output) {
		if (output == null || OutputLimits.encodedBytes(output) <= MAX_OUTPUT) {
			return output;
		}
		return OutputLimits.prefixWithin(output, MAX_OUTPUT) + "\n[truncated: " + output.length()
				+ " characters in all]";
	}

	static UUID id(UUID executionId, Object... parts) {
		StringBuilder name = new StringBuilder(executionId.toString());
		for (Object part : parts) {
			name.append(':').append(part);
		}
		return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The payload; absent fields are left out.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	static final class Event {

		public final UUID executionId;

		public final String event;

		public final Instant at = Instant.now();

		public @Nullable String status;

		public @Nullable String nodeId;

		public @Nullable String nodeType;

		public @Nullable Integer attempt;

		public @Nullable String text;

		public @Nullable String output;

		public @Nullable Map<String, Object> error;

		public @Nullable String model;

		public @Nullable Long inputTokens;

		public @Nullable Long outputTokens;

		public @Nullable Long costMicros;

		public @Nullable List<Map<String, Object>> citations;

		private Event(UUID executionId, String event) {
			this.executionId = executionId;
			this.event = event;
		}

		static Event of(UUID executionId, String event) {
			return new Event(executionId, event);
		}

		Event status(@Nullable String status) {
			this.status = status;
			return this;
		}

		Event node(String nodeId, @Nullable String nodeType, int attempt) {
			this.nodeId = nodeId;
			this.nodeType = nodeType;
			this.attempt = attempt;
			return this;
		}

		Event text(String text) {
			this.text = text;
			return this;
		}

		Event output(@Nullable String output) {
			this.output = output;
			return this;
		}

		Event error(@Nullable Map<String, Object> error) {
			this.error = error;
			return this;
		}

		Event citations(@Nullable List<Map<String, Object>> citations) {
			this.citations = citations;
			return this;
		}

		Event model(@Nullable String model) {
			this.model = model;
			return this;
		}

		Event usage(long inputTokens, long outputTokens, long costMicros) {
			this.inputTokens = inputTokens;
			this.outputTokens = outputTokens;
			this.costMicros = costMicros;
			return this;
		}

	}

}
