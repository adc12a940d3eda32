package com.hirebuddha.worker.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The payload of {@code hirebuddha.execution.requested.v1}: a whole run, with the agent
 * versions it pinned (docs/events.md).
 *
 * @param executionId the execution
 * @param tenantId its tenant
 * @param partnerId the tenant's partner, if any
 * @param agentId the agent, for an agent execution
 * @param workflowId the workflow, for a workflow execution
 * @param input the input
 * @param graph the nodes and edges
 * @param agents pinned agent versions by agent id
 * @param deadline when the run is failed if it has not ended
 * @param apiKeyId the API key that started the run, if one did (billed per key)
 */
record RunRequest(UUID executionId, UUID tenantId, @Nullable UUID partnerId, @Nullable UUID agentId,
		@Nullable UUID workflowId, @Nullable Map<String, Object> input, Graph graph, Map<UUID, PinnedAgent> agents,
		Instant deadline, @Nullable UUID apiKeyId) {

	static final String TYPE = "hirebuddha.execution.requested.v1";

	static final String CANCEL_TYPE = "hirebuddha.execution.cancel-requested.v1";

	Map<String, Object> inputOrEmpty() {
		return (this.input != null) ? this.input : Map.of();
	}

	/**
	 * The pinned version of the agent a node names.
	 * @param node an agent node
	 * @return the version, or null if the node names none the run carries
	 */
	@Nullable PinnedAgent agentOf(Node node) {
		UUID agentId = node.agentId();
		return (agentId != null) ? this.agents.get(agentId) : null;
	}

	/**
	 * The nodes and edges.
	 *
	 * @param nodes the nodes
	 * @param edges the edges
	 */
	record Graph(List<Node> nodes, @Nullable List<Edge> edges) {

		List<Edge> edgesOrEmpty() {
			return (this.edges != null) ? this.edges : List.of();
		}

	}

	/**
	 * One node.
	 *
	 * @param id its id
	 * @param type {@code agent}, {@code condition}, {@code template} or {@code http}
	 * @param config its settings
	 */
	record Node(String id, String type, @Nullable Map<String, Object> config) {

		Map<String, Object> configOrEmpty() {
			return (this.config != null) ? this.config : Map.of();
		}

		@Nullable UUID agentId() {
			Object agentId = configOrEmpty().get("agentId");
			try {
				return (agentId instanceof String text) ? UUID.fromString(text) : null;
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}

	}

	/**
	 * One edge.
	 *
	 * @param from upstream
	 * @param to downstream
	 * @param onError taken only when {@code from} fails
	 * @param when for a condition's edge: the value that takes it
	 */
	record Edge(String from, String to, @Nullable Boolean onError, @Nullable Boolean when) {

		boolean isOnError() {
			return Boolean.TRUE.equals(this.onError);
		}

	}

	/**
	 * An agent version.
	 *
	 * @param version its number
	 * @param name its name
	 * @param systemPrompt its persona
	 * @param model its model
	 * @param knowledgeBaseIds the knowledge bases it retrieves from before it answers
	 * (absent in runs accepted before knowledge bases existed)
	 */
	record PinnedAgent(int version, String name, String systemPrompt, Model model,
			@Nullable List<UUID> knowledgeBaseIds) {

		List<UUID> knowledgeBasesOrEmpty() {
			return (this.knowledgeBaseIds != null) ? this.knowledgeBaseIds : List.of();
		}

	}

	/**
	 * A model choice.
	 *
	 * @param provider the provider id
	 * @param name the model name
	 * @param temperature sampling temperature
	 * @param maxTokens answer length limit
	 */
	record Model(String provider, String name, @Nullable Double temperature, @Nullable Integer maxTokens) {
	}

	/**
	 * The payload of {@code hirebuddha.execution.cancel-requested.v1}.
	 *
	 * @param executionId the execution
	 * @param tenantId its tenant
	 */
	record Cancel(UUID executionId, UUID tenantId) {
	}

}
