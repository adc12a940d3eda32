package com.hirebuddha.orchestration.executions;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.hirebuddha.orchestration.agents.AgentRequest;
import com.hirebuddha.orchestration.workflows.WorkflowGraph;
import org.jspecify.annotations.Nullable;

/**
 * The payload of {@code hirebuddha.execution.requested.v1} on
 * {@code execution.requested}: everything a worker needs, so it never calls back. Agent
 * versions are pinned here (docs/events.md).
 *
 * @param executionId the execution
 * @param tenantId its tenant
 * @param partnerId the tenant's partner, if any
 * @param agentId the agent, for an agent execution
 * @param workflowId the workflow, for a workflow execution
 * @param input the input
 * @param graph the nodes to run; an agent execution is one {@code agent} node
 * @param agents the pinned version of every agent the graph names, by agent id
 * @param deadline when the run is failed if it has not ended
 * @param apiKeyId the API key that started it, if one did (budgets and usage per key)
 */
record ExecutionRequested(UUID executionId, UUID tenantId, @Nullable UUID partnerId, @Nullable UUID agentId,
		@Nullable UUID workflowId, Map<String, Object> input, WorkflowGraph graph, Map<UUID, PinnedAgent> agents,
		Instant deadline, @Nullable UUID apiKeyId) {

	static final String TYPE = "hirebuddha.execution.requested.v1";

	static final String CANCEL_TYPE = "hirebuddha.execution.cancel-requested.v1";

	/**
	 * One agent version as a run uses it.
	 *
	 * @param version the pinned version
	 * @param name its name
	 * @param systemPrompt its persona
	 * @param model its model
	 */
	record PinnedAgent(int version, String name, String systemPrompt, AgentRequest.Model model) {
	}

	/**
	 * The payload of {@code hirebuddha.execution.cancel-requested.v1}.
	 *
	 * @param executionId the execution to stop
	 * @param tenantId its tenant
	 */
	record CancelRequested(UUID executionId, UUID tenantId) {
	}

}
