package com.hirebuddha.orchestration.executions;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.hirebuddha.commons.events.Event;
import com.hirebuddha.commons.events.Topics;
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
		Instant deadline, @Nullable UUID apiKeyId) implements Event {

	static final String TYPE = "hirebuddha.execution.requested.v1";

	static final String CANCEL_TYPE = "hirebuddha.execution.cancel-requested.v1";

	/**
	 * One agent version as a run uses it.
	 *
	 * @param version the pinned version
	 * @param name its name
	 * @param systemPrompt its persona
	 * @param model its model
	 * @param knowledgeBaseIds the knowledge bases it retrieves from before it answers
	 */
	record PinnedAgent(int version, String name, String systemPrompt, Model model, List<UUID> knowledgeBaseIds) {
	}

	/**
	 * The model a pinned agent talks to, as the event carries it (the contract with the
	 * worker, apart from the REST request that set it).
	 *
	 * @param provider the provider, for example {@code simulator}
	 * @param name the provider's model name
	 * @param temperature sampling temperature, if set
	 * @param maxTokens most tokens in an answer, if set
	 */
	record Model(String provider, String name, @Nullable Double temperature, @Nullable Integer maxTokens) {
	}

	/**
	 * The payload of {@code hirebuddha.execution.cancel-requested.v1}.
	 *
	 * @param executionId the execution to stop
	 * @param tenantId its tenant
	 */
	record CancelRequested(UUID executionId, UUID tenantId) implements Event {

		@Override
		public String topic() {
			return Topics.EXECUTION_REQUESTED;
		}

		@Override
		public String key() {
			return this.executionId.toString();
		}

		@Override
		public String type() {
			return CANCEL_TYPE;
		}

		@Override
		public @Nullable UUID tenant() {
			return this.tenantId;
		}

	}

	@Override
	public String topic() {
		return Topics.EXECUTION_REQUESTED;
	}

	@Override
	public String key() {
		return this.executionId.toString();
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public @Nullable UUID tenant() {
		return this.tenantId;
	}

}
