package com.hirebuddha.orchestration.executions;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /agents/{id}/executions} and {@code POST
 * /workflows/{id}/executions}.
 *
 * @param input what the run starts from: an agent reads {@code input.message}; a
 * workflow's nodes read {@code {{input.<name>}}}
 */
public record ExecutionRequest(@Nullable Map<String, Object> input) {

	Map<String, Object> inputOrEmpty() {
		return (this.input != null) ? this.input : Map.of();
	}

}
