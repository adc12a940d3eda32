package com.hirebuddha.orchestration.executions;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An execution as the API shows it.
 *
 * @param id the execution
 * @param status {@code PENDING}, {@code RUNNING}, {@code SUCCEEDED}, {@code FAILED} or
 * {@code CANCELLED}
 * @param agentId the agent it runs, for an agent execution
 * @param agentVersion the agent version it pinned
 * @param workflowId the workflow it runs, for a workflow execution
 * @param workflowVersion the workflow version it pinned
 * @param input what it started from
 * @param output the final text, once it succeeded
 * @param error why it failed or was cancelled
 * @param steps one per node that started or was skipped, in start order
 * @param usage tokens the providers reported and their cost
 * @param createdAt when it was accepted
 * @param startedAt when a worker started it
 * @param finishedAt when it ended
 */
public record ExecutionView(UUID id, String status, @Nullable UUID agentId, @Nullable Integer agentVersion,
		@Nullable UUID workflowId, @Nullable Integer workflowVersion, Map<String, Object> input,
		@Nullable String output, @Nullable Map<String, Object> error, List<Step> steps, Usage usage, Instant createdAt,
		@Nullable Instant startedAt, @Nullable Instant finishedAt) {

	/**
	 * One node of the run.
	 *
	 * @param nodeId the node
	 * @param type its type
	 * @param status {@code RUNNING}, {@code SUCCEEDED}, {@code FAILED} or {@code SKIPPED}
	 * @param attempts how many times it was tried
	 * @param model the provider and model, for an agent node
	 * @param output what it produced
	 * @param error why it failed
	 * @param usage its tokens and cost
	 * @param startedAt when it started
	 * @param finishedAt when it ended
	 * @param durationMs how long it took
	 */
	public record Step(String nodeId, String type, String status, int attempts, @Nullable String model,
			@Nullable String output, @Nullable Map<String, Object> error, Usage usage, @Nullable Instant startedAt,
			@Nullable Instant finishedAt, @Nullable Long durationMs) {
	}

	/**
	 * Tokens as the providers reported them, and their cost at the model catalog's list
	 * price (the bill itself comes from the ledger).
	 *
	 * @param inputTokens prompt tokens
	 * @param outputTokens completion tokens
	 * @param costMicros cost in millionths of a US dollar
	 */
	public record Usage(long inputTokens, long outputTokens, long costMicros) {
	}

	boolean finished() {
		return ExecutionStatus.isFinal(this.status);
	}

}
