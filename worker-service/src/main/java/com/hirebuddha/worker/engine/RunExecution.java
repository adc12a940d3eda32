package com.hirebuddha.worker.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one run through its graph. A node starts as soon as every node upstream of it
 * has ended, each on its own virtual thread, so independent branches run side by side. A
 * node runs if it has no incoming edges or at least one was taken: a normal edge when its
 * source succeeded (and, leaving a condition, its {@code when} matches the value), an
 * {@code onError} edge when its source failed; otherwise it is skipped. A failed node
 * without an {@code onError} edge fails the run. Nodes that ended before a crash are not
 * run again: a resumed run starts from them.
 */
final class RunExecution implements RunHandle {

	private static final Logger log = LoggerFactory.getLogger(RunExecution.class);

	private final RunRequest request;

	private final int claims;

	private final Map<String, NodeExecutor> executors;

	private final NodeRunner.EngineContext engine;

	private final ExecutorService threads;

	private final Map<String, RunRequest.Node> nodes = new LinkedHashMap<>();

	private final Map<String, List<RunRequest.Edge>> incoming = new LinkedHashMap<>();

	private final Map<String, List<RunRequest.Edge>> outgoing = new LinkedHashMap<>();

	private final Map<String, NodeState> states = new ConcurrentHashMap<>();

	private final Map<String, NodeRunner> running = new ConcurrentHashMap<>();

	private final BlockingQueue<Ended> ended = new LinkedBlockingQueue<>();

	private final Map<String, java.util.concurrent.CompletableFuture<Boolean>> announced = new ConcurrentHashMap<>();

	private final OutputLimits.RunMeter held;

	private volatile boolean cancelRequested;

	private volatile boolean abandoned;

	RunExecution(Runs.Claimed claimed, Map<String, NodeExecutor> executors, NodeRunner.EngineContext engine,
			ExecutorService threads) {
		this.request = claimed.request();
		this.claims = claimed.claims();
		this.executors = executors;
		this.engine = engine;
		this.threads = threads;
		this.held = new OutputLimits.RunMeter(engine.limits().runBytes());
		for (RunRequest.Node node : this.request.graph().nodes()) {
			this.nodes.put(node.id(), node);
			this.incoming.put(node.id(), new ArrayList<>());
			this.outgoing.put(node.id(), new ArrayList<>());
		}
		for (RunRequest.Edge edge : this.request.graph().edgesOrEmpty()) {
			edges(this.incoming, edge.to()).add(edge);
			edges(this.outgoing, edge.from()).add(edge);
		}
	}

	@Override
	public RunRequest request() {
		return this.request;
	}

	@Override
	public Runs.Claim claim() {
		return new Runs.Claim(this.engine.owner(), this.claims);
	}

	UUID executionId() {
		return this.request.executionId();
	}

	/** Asks the run to stop; it ends as cancelled within a poll interval. */
	void cancel() {
		this.cancelRequested = true;
		this.running.values().forEach(NodeRunner::cancel);
	}

	/** Stops the run here without ending it: the worker is shutting down. */
	void cancelQuietly() {
		this.abandoned = true;
		this.running.values().forEach(NodeRunner::abandon);
	}

	/**
	 * What the run holds of text: its nodes' outputs, and what they are making now.
	 * @return the run's meter
	 */
	@Override
	public OutputLimits.RunMeter held() {
		return this.held;
	}

	@Override
	public boolean hasTimeFor(Duration wait) {
		return Instant.now().plus(wait).isBefore(this.request.deadline()) && !this.cancelRequested;
	}

	void run() {
		UUID id = executionId();
		try {
			// a first claim has no stored nodes yet
			(this.claims > 1 ? this.engine.runs().nodes(id) : Map.<String, NodeState>of()).forEach((nodeId, state) -> {
				if (state.done()) {
					this.states.put(nodeId, state);
				}
			});
			this.engine.progress().status(this.request.tenantId(), id, RunStatus.RUNNING, this.claims);
			if (this.claims > 1) {
				log.info("resuming run {} (claim {}) with {} of {} nodes done", id, this.claims, this.states.size(),
						this.nodes.size());
				this.engine.metrics().resumed();
				// a crash may have come between storing a node's end and announcing it
				this.states.values().forEach(this::announceNode);
			}
			drive();
		}
		catch (Runs.LeaseLostException ex) {
			log.warn("run {} stopped here; another worker holds or resumes it", id);
			this.running.values().forEach(NodeRunner::abandon);
		}
		catch (RuntimeException ex) {
			// the database failed under the run: stop its nodes, so that the run resumes
			// from its stored state once the lease runs out, with nobody still calling
			this.running.values().forEach(NodeRunner::abandon);
			throw ex;
		}
	}

	private void drive() {
		while (true) {
			if (this.abandoned) {
				throw new Runs.LeaseLostException(executionId());
			}
			if (this.cancelRequested) {
				stopAll();
				finish(RunStatus.CANCELLED, null, error("cancelled", "the run was cancelled", null));
				return;
			}
			if (Instant.now().isAfter(this.request.deadline())) {
				stopAll();
				finish(RunStatus.FAILED, null,
						error("deadline-exceeded", "the run did not finish by its deadline", null));
				return;
			}
			NodeState unhandled = startReadyNodes();
			if (unhandled != null) {
				stopAll();
				Map<String, Object> cause = (unhandled.error() != null) ? unhandled.error() : Map.of();
				finish(RunStatus.FAILED, null,
						error("node-failed",
								"node " + unhandled.nodeId() + " failed: " + cause.getOrDefault("message", "unknown"),
								unhandled.nodeId()));
				return;
			}
			if (this.held.over()) {
				stopAll();
				finish(RunStatus.FAILED, null,
						error("run-output-limit-exceeded", "the run's nodes produced more than "
								+ this.engine.limits().runBytes() + " bytes of output (hb.engine.max-run-output-bytes)",
								null));
				return;
			}
			if (this.running.isEmpty()) {
				finish(RunStatus.SUCCEEDED, output(), null);
				return;
			}
			Ended next = poll();
			if (next != null) {
				record(next);
			}
		}
	}

	// starts what is ready and skips what cannot run; answers a failure nobody handles
	private @Nullable NodeState startReadyNodes() {
		boolean changed = true;
		while (changed) {
			changed = false;
			for (RunRequest.Node node : this.nodes.values()) {
				NodeState state = this.states.get(node.id());
				if (state != null && RunStatus.FAILED.equals(state.status()) && !hasRecovery(node.id())) {
					return state;
				}
				if (state != null || this.running.containsKey(node.id())) {
					continue;
				}
				List<RunRequest.Edge> in = edges(this.incoming, node.id());
				if (!in.stream().allMatch((edge) -> this.states.containsKey(edge.from()))) {
					continue;
				}
				List<String> taken = in.stream().filter(this::taken).map(RunRequest.Edge::from).toList();
				if (!in.isEmpty() && taken.isEmpty()) {
					NodeState skipped = NodeState.skipped(node.id(), node.type());
					this.engine.runs().completeNode(executionId(), this.request.tenantId(), claim(), skipped, null);
					this.states.put(node.id(), skipped);
					announceNode(skipped);
					changed = true;
					continue;
				}
				start(node, taken);
			}
		}
		return null;
	}

	private boolean taken(RunRequest.Edge edge) {
		NodeState from = this.states.get(edge.from());
		if (from == null) {
			return false;
		}
		if (edge.isOnError()) {
			return RunStatus.FAILED.equals(from.status());
		}
		if (!RunStatus.SUCCEEDED.equals(from.status())) {
			return false;
		}
		if (from.branch() == null) {
			return true;
		}
		return Objects.equals(from.branch(), (edge.when() != null) ? edge.when() : Boolean.TRUE);
	}

	// every node has its lists from the constructor; an edge naming any other node is a
	// graph the validator should have refused
	private static List<RunRequest.Edge> edges(Map<String, List<RunRequest.Edge>> byNode, String nodeId) {
		List<RunRequest.Edge> edges = byNode.get(nodeId);
		if (edges == null) {
			throw new IllegalStateException("the graph has no node " + nodeId);
		}
		return edges;
	}

	private boolean hasRecovery(String nodeId) {
		return edges(this.outgoing, nodeId).stream().anyMatch(RunRequest.Edge::isOnError);
	}

	private void start(RunRequest.Node node, List<String> inputs) {
		NodeExecutor executor = this.executors.get(node.type());
		NodeRunner runner = new NodeRunner(this, node, (executor != null) ? executor : new Unsupported(node.type()),
				inputs, Map.copyOf(this.states), this.engine);
		this.running.put(node.id(), runner);
		if (this.cancelRequested) {
			runner.cancel();
		}
		this.threads.submit(() -> {
			try {
				this.ended.add(new Ended(node.id(), runner.run(), null));
			}
			catch (RuntimeException ex) {
				this.ended.add(new Ended(node.id(), null, ex));
			}
		});
	}

	private @Nullable Ended poll() {
		try {
			return this.ended.poll(100, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.cancelRequested = true;
			return null;
		}
	}

	private void record(Ended next) {
		this.running.remove(next.nodeId());
		if (next.failure() instanceof Runs.LeaseLostException lost) {
			throw lost;
		}
		NodeState state = next.state();
		if (state == null) {
			// the database failed under the node: it is tried again when the run resumes
			throw new IllegalStateException("node " + next.nodeId() + " could not be stored", next.failure());
		}
		this.states.put(state.nodeId(), state);
		if (state.output() != null) {
			try {
				this.held.add(OutputLimits.encodedBytes(state.output()));
			}
			catch (OutputLimits.Exceeded ex) {
				// the run fails for it at the top of the loop
			}
		}
		announceNode(state);
	}

	private void announceNode(NodeState state) {
		this.announced.put(state.nodeId(),
				this.engine.progress().nodeCompleted(this.request.tenantId(), executionId(), state));
	}

	// the steps a client sees come from these events: one the broker did not take goes
	// again (same id) before the final event
	private void resendUnacknowledged() {
		this.announced.forEach((nodeId, sent) -> {
			boolean acknowledged;
			try {
				acknowledged = sent.get(5, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				acknowledged = false;
			}
			NodeState state = this.states.get(nodeId);
			if (!acknowledged && state != null) {
				this.engine.progress().nodeCompleted(this.request.tenantId(), executionId(), state);
			}
		});
	}

	private void stopAll() {
		this.running.values().forEach(NodeRunner::cancel);
		long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (!this.running.isEmpty() && System.nanoTime() < until) {
			Ended next = poll();
			if (next != null) {
				this.running.remove(next.nodeId());
				if (next.state() != null) {
					this.states.put(next.nodeId(), next.state());
					announceNode(next.state());
				}
			}
		}
	}

	// the passages the final nodes' answers cite, each with the node it belongs to
	private @Nullable List<Map<String, Object>> citations() {
		List<Map<String, Object>> citations = new ArrayList<>();
		for (RunRequest.Node node : this.nodes.values()) {
			NodeState state = this.states.get(node.id());
			boolean sink = edges(this.outgoing, node.id()).isEmpty();
			if (sink && state != null && RunStatus.SUCCEEDED.equals(state.status()) && state.citations() != null) {
				for (Map<String, Object> citation : state.citations()) {
					Map<String, Object> withNode = new LinkedHashMap<>(citation);
					withNode.put("nodeId", node.id());
					citations.add(withNode);
				}
			}
		}
		return citations.isEmpty() ? null : citations;
	}

	private String output() {
		List<String> outputs = new ArrayList<>();
		for (RunRequest.Node node : this.nodes.values()) {
			NodeState state = this.states.get(node.id());
			boolean sink = edges(this.outgoing, node.id()).isEmpty();
			if (sink && state != null && RunStatus.SUCCEEDED.equals(state.status()) && state.output() != null) {
				outputs.add(state.output());
			}
		}
		return String.join("\n\n", outputs);
	}

	// the run is stored as finished while its node events are still on their way to the
	// broker; the final event goes only after them (after a crash in between, the sweep
	// sends an unannounced run's node events again before its final event)
	private void finish(String status, @Nullable String output, @Nullable Map<String, Object> error) {
		Runs.Finished finished = this.engine.runs()
			.finish(executionId(), claim(), status, output, error,
					RunStatus.SUCCEEDED.equals(status) ? citations() : null)
			.orElseThrow(() -> new Runs.LeaseLostException(executionId()));
		resendUnacknowledged();
		this.engine.announce(finished);
	}

	private static Map<String, Object> error(String code, String message, @Nullable String nodeId) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("code", code);
		error.put("message", message);
		if (nodeId != null) {
			error.put("nodeId", nodeId);
		}
		return error;
	}

	private record Ended(String nodeId, @Nullable NodeState state, @Nullable RuntimeException failure) {
	}

	/**
	 * A node type this worker cannot run (a newer orchestration-service).
	 */
	private record Unsupported(String type) implements NodeExecutor {

		@Override
		public Outcome execute(Context context) throws NodeFailure {
			throw NodeFailure.permanent("unsupported-node", "this worker cannot run " + this.type + " nodes");
		}

	}

}
