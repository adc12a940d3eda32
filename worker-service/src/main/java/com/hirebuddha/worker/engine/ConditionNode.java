package com.hirebuddha.worker.engine;

import java.util.LinkedHashMap;
import java.util.Map;

import com.hirebuddha.commons.conditions.Conditions;

import org.springframework.stereotype.Component;

/**
 * {@code condition}: a CEL expression over {@code input} and {@code nodes}; the edges
 * leaving it whose {@code when} equals its value are taken, the others skipped.
 */
@Component
class ConditionNode implements NodeExecutor {

	@Override
	public String type() {
		return "condition";
	}

	@Override
	public Outcome execute(Context context) throws NodeFailure {
		String expression = context.config("expression");
		Map<String, Object> nodes = new LinkedHashMap<>();
		context.nodes().forEach((id, state) -> {
			Map<String, Object> node = new LinkedHashMap<>();
			node.put("output", (state.output() != null) ? state.output() : "");
			node.put("status", state.status());
			nodes.put(id, node);
		});
		try {
			boolean value = Conditions.evaluate((expression != null) ? expression : "",
					context.request().inputOrEmpty(), nodes);
			return new Outcome(Boolean.toString(value), value, null);
		}
		catch (IllegalArgumentException ex) {
			throw NodeFailure.permanent("condition-failed", ex.getMessage());
		}
	}

}
