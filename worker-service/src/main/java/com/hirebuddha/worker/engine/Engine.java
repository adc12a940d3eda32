package com.hirebuddha.worker.engine;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.hirebuddha.commons.events.EventProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The worker's engine. It holds up to {@code maxRuns} runs, each under a lease it renews;
 * it takes over runs whose worker vanished (their lease ran out), fails runs past their
 * deadline that nobody holds, stops runs someone cancelled, and sends again the final
 * event of any run whose announcement the broker did not acknowledge. On shutdown it
 * gives its leases back so another worker resumes its runs at once.
 */
@Component
public class Engine implements SmartLifecycle, NodeRunner.EngineContext {

	private static final Logger log = LoggerFactory.getLogger(Engine.class);

	private final Runs runs;

	private final Progress progress;

	private final EngineProperties properties;

	private final EngineMetrics metrics;

	private final Map<String, NodeExecutor> executors;

	private final OutputLimits limits;

	private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

	private final Map<UUID, RunExecution> active = new ConcurrentHashMap<>();

	private final Queue<UUID> acknowledged = new ConcurrentLinkedQueue<>();

	private final Semaphore capacity;

	private final ExecutorService threads = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("run-", 0).factory());

	private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1,
			Thread.ofPlatform().name("engine-timer").daemon().factory());

	private volatile boolean running;

	private volatile Thread maintenance;

	Engine(Runs runs, Progress progress, EngineProperties properties, EngineMetrics metrics,
			List<NodeExecutor> executors, MeterRegistry meters, EventProperties events) {
		this.limits = OutputLimits.of(properties, events.maxBytes());
		this.runs = runs;
		this.progress = progress;
		this.properties = properties;
		this.metrics = metrics;
		this.executors = executors.stream().collect(Collectors.toMap(NodeExecutor::type, Function.identity()));
		this.capacity = new Semaphore(properties.maxRuns());
		Gauge.builder("hb.engine.active", this.active, Map::size)
			.description("Runs this worker is running")
			.register(meters);
	}

	/**
	 * Starts a run here if this worker has room and nobody else holds it.
	 * @param executionId the run
	 */
	void offer(UUID executionId) {
		if (!this.running || !this.capacity.tryAcquire()) {
			return;
		}
		try {
			this.runs.claim(executionId, this.owner, this.properties.lease())
				.ifPresentOrElse(this::launch, this.capacity::release);
		}
		catch (RuntimeException ex) {
			this.capacity.release();
			throw ex;
		}
	}

	/**
	 * Records a new run and starts it here if this worker has room; otherwise it waits,
	 * recorded, for any worker.
	 * @param request the run
	 */
	void accept(RunRequest request) {
		if (this.running && this.capacity.tryAcquire()) {
			try {
				Optional<Runs.Claimed> taken = this.runs.enqueueTaken(request, this.owner, this.properties.lease());
				if (taken.isPresent()) {
					launch(taken.get());
					return;
				}
				this.capacity.release();
			}
			catch (RuntimeException ex) {
				this.capacity.release();
				throw ex;
			}
			// recorded before: a redelivery, taken (or not) like any other
			offer(request.executionId());
			return;
		}
		this.runs.enqueue(request);
	}

	/**
	 * Stops a run if it runs here.
	 * @param executionId the run
	 */
	void cancel(UUID executionId) {
		RunExecution run = this.active.get(executionId);
		if (run != null) {
			run.cancel();
		}
	}

	private void launch(Runs.Claimed claimed) {
		RunExecution run = new RunExecution(claimed, this.executors, this, this.threads);
		this.active.put(run.executionId(), run);
		this.threads.submit(() -> {
			try {
				run.run();
			}
			catch (RuntimeException ex) {
				// the lease runs out and another worker (or this one) resumes the run
				log.warn("run {} stopped on an error; it resumes when its lease expires", run.executionId(), ex);
			}
			finally {
				this.active.remove(run.executionId());
				this.capacity.release();
			}
		});
	}

	@Override
	public void announce(Runs.Finished finished) {
		this.metrics.finished(finished.status());
		this.progress
			.finished(finished.tenantId(), finished.executionId(), finished.status(), finished.output(),
					finished.error(), finished.inputTokens(), finished.outputTokens(), finished.costMicros())
			// noted in bulk by the maintenance loop, not on the producer's I/O thread
			.thenAccept((acknowledged) -> {
				if (acknowledged) {
					this.acknowledged.add(finished.executionId());
				}
			});
	}

	private void maintain() {
		long nextRenew = 0;
		long nextSweep = 0;
		while (this.running) {
			long now = System.nanoTime();
			try {
				for (UUID cancelled : this.runs.cancelRequested(this.owner)) {
					cancel(cancelled);
				}
				noteAnnounced();
				if (now >= nextRenew) {
					this.runs.renew(this.owner, this.active.keySet(), this.properties.lease());
					nextRenew = now + this.properties.renewEvery().toNanos();
				}
				if (now >= nextSweep) {
					sweep();
					nextSweep = now + this.properties.sweepEvery().toNanos();
				}
			}
			catch (RuntimeException ex) {
				log.warn("engine maintenance failed, retrying: {}", ex.toString());
			}
			sleep(Duration.ofMillis(250));
		}
	}

	private void noteAnnounced() {
		List<UUID> ids = new ArrayList<>();
		for (UUID id = this.acknowledged.poll(); id != null && ids.size() < 1_000; id = this.acknowledged.poll()) {
			ids.add(id);
		}
		if (!ids.isEmpty()) {
			this.runs.announced(ids);
		}
	}

	private void sweep() {
		for (Runs.Finished ended : this.runs.failOverdue()) {
			log.warn("run {} failed: past its deadline and no worker holds it", ended.executionId());
			announce(ended);
		}
		this.runs.cancelAbandoned().forEach(this::announce);
		for (Runs.Finished unannounced : this.runs.unannounced(Duration.ofSeconds(5))) {
			// its node events may not have reached the broker either (a run is stored as
			// finished before its last node events are acknowledged): they go again first
			this.runs.nodes(unannounced.executionId())
				.values()
				.stream()
				.filter(NodeState::done)
				.forEach((state) -> this.progress.nodeCompleted(unannounced.tenantId(), unannounced.executionId(),
						state));
			announce(unannounced);
		}
		int room = this.capacity.availablePermits();
		if (room > 0) {
			int wanted = Math.min(room, 100);
			if (this.capacity.tryAcquire(wanted)) {
				List<Runs.Claimed> claimed;
				try {
					claimed = this.runs.claimAbandoned(this.owner, this.properties.lease(), wanted);
				}
				catch (RuntimeException ex) {
					this.capacity.release(wanted);
					throw ex;
				}
				this.capacity.release(wanted - claimed.size());
				for (Runs.Claimed run : claimed) {
					takeOver(run);
				}
			}
		}
	}

	private void takeOver(Runs.Claimed run) {
		UUID id = run.request().executionId();
		try {
			if (!this.running) {
				// stopping: hand it straight back
				this.runs.release(this.owner, List.of(id));
				this.capacity.release();
				return;
			}
			if (run.claims() > this.properties.maxClaims()) {
				this.runs
					.finish(id, new Runs.Claim(this.owner, run.claims()), RunStatus.FAILED, null,
							Map.of("code", "crash-loop", "message",
									"the run was taken over " + (run.claims() - 1) + " times"))
					.ifPresent(this::announce);
				this.capacity.release();
				return;
			}
		}
		catch (RuntimeException ex) {
			this.capacity.release();
			log.warn("could not take over run {}; its lease runs out again: {}", id, ex.toString());
			return;
		}
		launch(run);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public Runs runs() {
		return this.runs;
	}

	@Override
	public Progress progress() {
		return this.progress;
	}

	@Override
	public EngineProperties properties() {
		return this.properties;
	}

	@Override
	public ScheduledExecutorService timers() {
		return this.timers;
	}

	@Override
	public EngineMetrics metrics() {
		return this.metrics;
	}

	@Override
	public OutputLimits limits() {
		return this.limits;
	}

	@Override
	public String owner() {
		return this.owner;
	}

	@Override
	public void start() {
		this.running = true;
		this.maintenance = Thread.ofVirtual().name("engine-maintenance").start(this::maintain);
		log.info("engine {} started: up to {} runs, lease {}", this.owner, this.properties.maxRuns(),
				this.properties.lease());
	}

	@Override
	public void stop() {
		this.running = false;
		List<UUID> held = List.copyOf(this.active.keySet());
		this.active.values().forEach(RunExecution::cancelQuietly);
		long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
		while (!this.active.isEmpty() && System.nanoTime() < until) {
			sleep(Duration.ofMillis(50));
		}
		try {
			if (!held.isEmpty()) {
				this.runs.release(this.owner, held);
				log.info("engine stopping: released {} runs for another worker to resume", held.size());
			}
		}
		catch (RuntimeException ex) {
			log.warn("could not release leases; they expire in {}", this.properties.lease());
		}
		this.timers.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// stops before the web server and the Kafka listeners' own phase ends
		return Integer.MAX_VALUE - 2048;
	}

}
