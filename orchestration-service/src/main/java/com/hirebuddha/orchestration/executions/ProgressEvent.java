package com.hirebuddha.orchestration.executions;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The payload of {@code hirebuddha.execution.progress.v1} on {@code execution.events},
 * published by the worker; {@code event} is the SSE event name and decides which fields
 * are set (docs/events.md).
 *
 * @param executionId the execution
 * @param event {@code status}, {@code node_started}, {@code text_delta},
 * {@code node_completed}, {@code final_result} or {@code error}
 * @param status the execution's status ({@code status}, {@code final_result},
 * {@code error}) or the node's ({@code node_completed})
 * @param nodeId the node, for node events
 * @param nodeType the node's type, for node events
 * @param attempt the node's attempt, from 1; a new attempt's deltas replace the last's
 * @param text the streamed text, for {@code text_delta}
 * @param output the node's or the run's output
 * @param error what went wrong: {@code code} and {@code message}
 * @param model provider/model, for agent nodes
 * @param inputTokens prompt tokens the provider reported
 * @param outputTokens completion tokens the provider reported
 * @param costMicros their cost at list price
 * @param at when it happened at the worker
 */
record ProgressEvent(UUID executionId, String event, @Nullable String status, @Nullable String nodeId,
		@Nullable String nodeType, @Nullable Integer attempt, @Nullable String text, @Nullable String output,
		@Nullable Map<String, Object> error, @Nullable String model, @Nullable Long inputTokens,
		@Nullable Long outputTokens, @Nullable Long costMicros, Instant at) {

	static final String TYPE = "hirebuddha.execution.progress.v1";

	long inputTokensOrZero() {
		return (this.inputTokens != null) ? this.inputTokens : 0;
	}

	long outputTokensOrZero() {
		return (this.outputTokens != null) ? this.outputTokens : 0;
	}

	long costMicrosOrZero() {
		return (this.costMicros != null) ? this.costMicros : 0;
	}

}
