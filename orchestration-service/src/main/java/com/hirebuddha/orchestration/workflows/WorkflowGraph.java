package com.hirebuddha.orchestration.workflows;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A workflow's graph as clients send it.
 *
 * @param nodes the steps
 * @param edges data flow between steps; an {@code onError} edge leads to a recovery node
 */
public record WorkflowGraph(@Nullable List<Node> nodes, @Nullable List<Edge> edges) {

	/**
	 * The steps, empty where the client sent none (a stored graph always has some: the
	 * validator refuses an empty one).
	 * @return the nodes, never null
	 */
	public List<Node> nodesOrEmpty() {
		return (this.nodes != null) ? this.nodes : List.of();
	}

	/**
	 * One step.
	 *
	 * @param id unique within the graph; letters, digits, {@code _} and {@code -}
	 * @param type {@code agent}, {@code condition}, {@code template}, {@code http} or
	 * {@code retrieval}
	 * @param config the type's settings; strings may refer to {@code {{input.x}}} and
	 * {@code {{nodes.<id>.output}}} of upstream nodes
	 */
	public record Node(@Nullable String id, @Nullable String type, @Nullable Map<String, Object> config) {

		/**
		 * The node's settings, empty where the client sent none.
		 * @return the config, never null
		 */
		public Map<String, Object> configOrEmpty() {
			return (this.config != null) ? this.config : Map.of();
		}

	}

	/**
	 * Data flowing from one step to another.
	 *
	 * @param from the upstream node
	 * @param to the downstream node
	 * @param onError true if this edge is taken only when {@code from} fails
	 * @param when on an edge leaving a {@code condition} node: taken only when the
	 * condition yields this value; absent means {@code true}
	 */
	public record Edge(@Nullable String from, @Nullable String to, @Nullable Boolean onError, @Nullable Boolean when) {

		/**
		 * An edge that is not a condition's branch.
		 * @param from the upstream node
		 * @param to the downstream node
		 * @param onError true if this edge is taken only when {@code from} fails
		 */
		public Edge(@Nullable String from, @Nullable String to, @Nullable Boolean onError) {
			this(from, to, onError, null);
		}

		boolean isOnError() {
			return Boolean.TRUE.equals(this.onError);
		}

	}

}
