package com.hirebuddha.worker.engine;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where one node of a run stands, as stored.
 *
 * @param nodeId the node
 * @param nodeType its type
 * @param status {@code RUNNING}, {@code SUCCEEDED}, {@code FAILED} or {@code SKIPPED}
 * @param attempts attempts begun so far
 * @param output what it produced
 * @param error {@code code} and {@code message}, if it failed
 * @param branch a condition's value
 * @param model provider/model of an agent node
 * @param inputTokens prompt tokens reported
 * @param outputTokens completion tokens reported
 * @param costMicros their list-price cost
 * @param citations the passages an agent's answer cites, if it retrieved any
 */
record NodeState(String nodeId, String nodeType, String status, int attempts, @Nullable String output,
		@Nullable Map<String, Object> error, @Nullable Boolean branch, @Nullable String model, long inputTokens,
		long outputTokens, long costMicros, @Nullable List<Map<String, Object>> citations) {

	boolean done() {
		return RunStatus.nodeDone(this.status);
	}

	static NodeState skipped(String nodeId, String nodeType) {
		return new NodeState(nodeId, nodeType, RunStatus.SKIPPED, 0, null, null, null, null, 0, 0, 0, null);
	}

}
