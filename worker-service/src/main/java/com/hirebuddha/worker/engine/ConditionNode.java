package com.hirebuddha.worker.engine;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.hirebuddha.commons.conditions.Conditions;

import org.springframework.stereotype.Component;

/**
 * {@code condition}: a CEL expression over {@code input} and {@code nodes}; the edges
 * leaving it whose {@code when} equals its value are taken, the others skipped. Its
 * evaluation has a budget of steps, time (the node's time limit, at most
 * {@code hb.engine.max-condition-time}) and of the size of what it builds; one that goes
 * over is stopped and fails the node with {@code expression-limit-exceeded}.
 */
@Component
class ConditionNode implements NodeExecutor {

	private static final long MAX_BUILT = 100_000;

	private final EngineProperties properties;

	ConditionNode(EngineProperties properties) {
		this.properties = properties;
	}

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
		Duration time = (context.timeout().compareTo(this.properties.maxConditionTime()) < 0) ? context.timeout()
				: this.properties.maxConditionTime();
		Conditions.Limits limits = new Conditions.Limits(this.properties.maxConditionSteps(), time, MAX_BUILT,
				MAX_BUILT);
		try {
			boolean value = Conditions.evaluate((expression != null) ? expression : "",
					context.request().inputOrEmpty(), nodes, limits);
			return new Outcome(Boolean.toString(value), value, null);
		}
		catch (Conditions.LimitExceededException ex) {
			throw NodeFailure.permanent("expression-limit-exceeded",
					ex.getMessage() + " (hb.engine.max-condition-steps " + this.properties.maxConditionSteps()
							+ ", hb.engine.max-condition-time " + time.toMillis() + " ms)");
		}
		catch (IllegalArgumentException ex) {
			throw NodeFailure.permanent("condition-failed",
					Objects.requireNonNullElse(ex.getMessage(), "the condition could not be evaluated"));
		}
	}

}
