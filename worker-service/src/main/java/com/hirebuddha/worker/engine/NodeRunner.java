package com.hirebuddha.worker.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.hirebuddha.worker.providers.ProviderHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Runs one node to its end: attempt after attempt while failures are retryable, with
 * exponential backoff and jitter (a random half to all of the doubled delay), never
 * sooner than the provider's {@code Retry-After}, each attempt under the node's time
 * limit. Every attempt is counted in the database before it starts, and a provider call
 * that succeeded is stored with its {@code usage.recorded} event in the same transaction
 * as the node's end.
 */
final class NodeRunner {

	private final RunHandle run;

	private final RunRequest.Node node;

	private final NodeExecutor executor;

	private final List<String> inputs;

	private final Map<String, NodeState> nodes;

	private final EngineContext engine;

	private volatile ProviderHttpClient.@Nullable Abort current;

	private volatile boolean cancelled;

	private volatile boolean abandoned;

	NodeRunner(RunHandle run, RunRequest.Node node, NodeExecutor executor, List<String> inputs,
			Map<String, NodeState> nodes, EngineContext engine) {
		this.run = run;
		this.node = node;
		this.executor = executor;
		this.inputs = inputs;
		this.nodes = nodes;
		this.engine = engine;
	}

	String nodeId() {
		return this.node.id();
	}

	/** Stops the node: its call is aborted and it ends as cancelled. */
	void cancel() {
		this.cancelled = true;
		ProviderHttpClient.Abort abort = this.current;
		if (abort != null) {
			abort.abort();
		}
	}

	/** Stops the node without recording an end: the worker is going away. */
	void abandon() {
		this.abandoned = true;
		cancel();
	}

	NodeState run() {
		RunRequest request = this.run.request();
		EngineProperties properties = this.engine.properties();
		int maxAttempts = intConfig("retries", properties.maxAttempts() - 1, 0, 5) + 1;
		Duration timeout = Duration.ofMillis(intConfig("timeoutMs", (int) properties.nodeTimeout().toMillis(), 100,
				(int) Duration.ofMinutes(10).toMillis()));
		// the same for every attempt
		long textLimit = this.engine.limits().nodeBytes();
		OutputLimits.RunMeter held = this.run.held();
		String model = this.executor.model(context(0, new ProviderHttpClient.Abort(), timeout, (text) -> {
		}, textLimit, new OutputLimits.Meter(textLimit, held)));
		int attemptsThisClaim = 0;
		while (true) {
			int attempt = this.engine.runs()
				.beginAttempt(request.executionId(), request.tenantId(), this.run.claim(), this.node, model);
			attemptsThisClaim++;
			this.engine.progress()
				.nodeStarted(request.tenantId(), request.executionId(), this.node.id(), this.node.type(), attempt,
						model);
			ProviderHttpClient.Abort abort = new ProviderHttpClient.Abort();
			this.current = abort;
			int[] chunk = { 0 };
			DeltaBuffer deltas = new DeltaBuffer(properties.deltaFlush().toNanos(), (text) -> this.engine.progress()
				.textDelta(request.tenantId(), request.executionId(), this.node.id(), attempt, chunk[0]++, text));
			ScheduledFuture<?> timer = this.engine.timers()
				.schedule(abort::abort, timeout.toMillis(), TimeUnit.MILLISECONDS);
			NodeExecutor.Outcome outcome = null;
			NodeFailure failure = null;
			OutputLimits.Meter rendered = new OutputLimits.Meter(textLimit, held);
			try (rendered) {
				if (this.cancelled) {
					throw NodeFailure.permanent("cancelled", "the run was cancelled");
				}
				outcome = this.executor.execute(context(attempt, abort, timeout, deltas, textLimit, rendered));
				if (OutputLimits.encodedBytes(outcome.output()) > textLimit) {
					throw OutputLimits.Exceeded.node(textLimit);
				}
			}
			catch (NodeFailure ex) {
				failure = this.cancelled ? NodeFailure.permanent("cancelled", "the run was cancelled") : ex;
			}
			catch (OutputLimits.Exceeded ex) {
				outcome = null;
				failure = NodeFailure.permanent("output-limit-exceeded", ex.detail());
			}
			catch (RuntimeException ex) {
				if (ex instanceof Runs.LeaseLostException) {
					throw ex;
				}
				failure = NodeFailure.permanent("node-error", String.valueOf(ex.getMessage()));
			}
			finally {
				// from here on only the database is written: a late timeout or cancel
				// must not interrupt it (an interrupt closes the connection
				// mid-transaction)
				timer.cancel(false);
				abort.disarm();
				this.current = null;
				Thread.interrupted();
				deltas.flush();
			}
			if (outcome != null) {
				return succeeded(attempt, model, outcome);
			}
			if (this.abandoned) {
				throw new Runs.LeaseLostException(request.executionId());
			}
			Objects.requireNonNull(failure, "an attempt ends with an outcome or a failure");
			// an attempt a crash cut short does not use up the budget: it counts per
			// claim
			boolean lastAttempt = attemptsThisClaim >= maxAttempts;
			Duration wait = failure.isRetryable() && !lastAttempt ? backoff(attemptsThisClaim, failure.retryAfter())
					: null;
			if (wait == null || !this.run.hasTimeFor(wait)) {
				return failed(attempt, model, failure);
			}
			this.engine.metrics().retried(this.node.type(), failure.code());
			if (!sleep(wait)) {
				if (this.abandoned) {
					// shutting down during a backoff: the next holder retries the node
					throw new Runs.LeaseLostException(request.executionId());
				}
				return failed(attempt, model, NodeFailure.permanent("cancelled", "the run was cancelled"));
			}
		}
	}

	private NodeExecutor.Context context(int attempt, ProviderHttpClient.Abort abort, Duration timeout,
			NodeExecutor.Deltas deltas, long textLimit, OutputLimits.Meter rendered) {
		return new NodeExecutor.Context(this.run.request(), this.node, attempt, this.nodes, this.inputs, abort, timeout,
				deltas, textLimit, rendered, this.run.held());
	}

	private NodeState succeeded(int attempt, @Nullable String model, NodeExecutor.Outcome outcome) {
		RunRequest request = this.run.request();
		NodeExecutor.Call call = outcome.call();
		NodeState state = new NodeState(this.node.id(), this.node.type(), RunStatus.SUCCEEDED, attempt,
				outcome.output(), null, outcome.branch(), model, (call != null) ? call.inputTokens() : 0,
				(call != null) ? call.outputTokens() : 0, (call != null) ? call.costMicros() : 0, outcome.citations());
		UsageRecorded usage = null;
		if (call != null) {
			RunRequest.PinnedAgent agent = request.agentOf(this.node);
			usage = new UsageRecorded(request.executionId(), this.node.id(), attempt, request.tenantId(),
					request.partnerId(), this.node.agentId(), (agent != null) ? agent.version() : null, call.provider(),
					call.model(), call.provider() + "/" + call.model(), call.inputTokens(), call.outputTokens(),
					call.latencyMs(), call.costMicros(), call.simulated(), java.time.Instant.now(), request.apiKeyId());
		}
		this.engine.runs().completeNode(request.executionId(), request.tenantId(), this.run.claim(), state, usage);
		return state;
	}

	private NodeState failed(int attempt, @Nullable String model, NodeFailure failure) {
		RunRequest request = this.run.request();
		NodeState state = new NodeState(this.node.id(), this.node.type(), RunStatus.FAILED, attempt, null,
				failure.toError(attempt), null, model, 0, 0, 0, null);
		this.engine.runs().completeNode(request.executionId(), request.tenantId(), this.run.claim(), state, null);
		return state;
	}

	private @Nullable Duration backoff(int attempt, @Nullable Duration retryAfter) {
		EngineProperties properties = this.engine.properties();
		long ceiling = Math.min(properties.backoffMax().toMillis(),
				properties.backoffBase().toMillis() * (1L << Math.min(20, attempt - 1)));
		long jittered = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
		if (retryAfter != null) {
			if (retryAfter.compareTo(properties.backoffMax()) > 0) {
				// asked to wait longer than we ever wait: fail now rather than retry
				// early
				return null;
			}
			jittered = Math.max(jittered, retryAfter.toMillis());
		}
		return Duration.ofMillis(jittered);
	}

	private boolean sleep(Duration wait) {
		long until = System.nanoTime() + wait.toNanos();
		while (!this.cancelled) {
			long left = until - System.nanoTime();
			if (left <= 0) {
				return true;
			}
			try {
				Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 100));
			}
			catch (InterruptedException ex) {
				Thread.interrupted();
			}
		}
		return false;
	}

	private int intConfig(String key, int fallback, int min, int max) {
		Object value = this.node.configOrEmpty().get(key);
		if (value instanceof Number number) {
			return Math.max(min, Math.min(max, number.intValue()));
		}
		return fallback;
	}

	/**
	 * The shared parts of the engine a node needs.
	 */
	interface EngineContext {

		Runs runs();

		Progress progress();

		EngineProperties properties();

		ScheduledExecutorService timers();

		EngineMetrics metrics();

		OutputLimits limits();

		String owner();

		/**
		 * Sends a finished run's final event and notes that the broker took it.
		 * @param finished the run
		 */
		void announce(Runs.Finished finished);

	}

}
