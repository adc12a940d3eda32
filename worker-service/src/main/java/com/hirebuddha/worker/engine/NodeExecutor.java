package com.hirebuddha.worker.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.hirebuddha.worker.providers.ProviderHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Runs one attempt of one type of node.
 */
interface NodeExecutor {

	/**
	 * The node type this runs.
	 * @return for example {@code agent}
	 */
	String type();

	/**
	 * The provider/model label of a node before it runs, for its {@code node_started}.
	 * @param context the node
	 * @return the label, or null for nodes that call no model
	 */
	default @Nullable String model(Context context) {
		return null;
	}

	/**
	 * Runs one attempt.
	 * @param context the node and what it can see
	 * @return what it produced
	 * @throws NodeFailure if the attempt failed
	 */
	Outcome execute(Context context) throws NodeFailure;

	/**
	 * What an attempt sees.
	 *
	 * @param request the run
	 * @param node the node
	 * @param attempt the attempt, from 1
	 * @param nodes finished nodes of the run, by id
	 * @param inputs the upstream nodes whose edges into this node were taken, in graph
	 * order
	 * @param abort stops the attempt's outbound call
	 * @param timeout the attempt's time limit
	 * @param deltas where streamed text goes
	 * @param textLimit the most text the node may produce, and the most all text it
	 * renders may take together ({@link OutputLimits})
	 * @param rendered what the attempt has rendered so far (prompts, URLs, headers,
	 * bodies), against that limit and the run's
	 * @param run what the run holds, for text the node receives (a provider's stream)
	 */
	record Context(RunRequest request, RunRequest.Node node, int attempt, Map<String, NodeState> nodes,
			List<String> inputs, ProviderHttpClient.Abort abort, Duration timeout, Deltas deltas, long textLimit,
			OutputLimits.Meter rendered, OutputLimits.RunMeter run) {

		String render(String template) {
			return Templates.render(template, this.request.inputOrEmpty(), this.nodes, this.rendered);
		}

		@Nullable String config(String key) {
			Object value = this.node.configOrEmpty().get(key);
			return (value != null) ? Templates.text(value) : null;
		}

	}

	/**
	 * Receives streamed text.
	 */
	interface Deltas {

		void append(String text);

	}

	/**
	 * What an attempt produced.
	 *
	 * @param output the text
	 * @param branch a condition's value
	 * @param call the provider call it made, if any
	 * @param citations the retrieved passages its answer cites, if it retrieved any
	 */
	record Outcome(String output, @Nullable Boolean branch, @Nullable Call call,
			@Nullable List<Map<String, Object>> citations) {

		Outcome(String output, @Nullable Boolean branch, @Nullable Call call) {
			this(output, branch, call, null);
		}

		static Outcome text(String output) {
			return new Outcome(output, null, null);
		}

	}

	/**
	 * A provider call that succeeded.
	 *
	 * @param provider the provider
	 * @param model the model name
	 * @param inputTokens prompt tokens it reported
	 * @param outputTokens completion tokens it reported
	 * @param latencyMs how long it took
	 * @param costMicros list-price cost
	 * @param simulated true for the simulator
	 */
	record Call(String provider, String model, long inputTokens, long outputTokens, long latencyMs, long costMicros,
			boolean simulated) {
	}

}
