package com.hirebuddha.worker.engine;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
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

	private final EngineMaintenance upkeep;

	Engine(Runs runs, Progress progress, EngineProperties properties, EngineMetrics metrics,
			List<NodeExecutor> executors, MeterRegistry meters, EventProperties events) {
		this.limits = OutputLimits.of(properties, events.maxBytes());
		this.runs = runs;
		this.progress = progress;
		this.properties = properties;
		this.metrics = metrics;
		this.executors = executors.stream().collect(Collectors.toMap(NodeExecutor::type, Function.identity()));
		this.capacity = new Semaphore(properties.maxRuns());
		this.upkeep = new EngineMaintenance(runs, progress, properties, this.owner, this.capacity, this.acknowledged,
				new EngineMaintenance.Host() {

					@Override
					public boolean running() {
						return Engine.this.running;
					}

					@Override
					public Set<UUID> active() {
						return Engine.this.active.keySet();
					}

					@Override
					public void cancel(UUID executionId) {
						Engine.this.cancel(executionId);
					}

					@Override
					public void announce(Runs.Finished finished) {
						Engine.this.announce(finished);
					}

					@Override
					public void launch(Runs.Claimed claimed) {
						Engine.this.launch(claimed);
					}

				});
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
					finished.error(), finished.inputTokens(), finished.outputTokens(), finished.costMicros(),
					finished.citations())
			// noted in bulk by the maintenance loop, not on the producer's I/O thread
			.thenAccept((acknowledged) -> {
				if (acknowledged) {
					this.acknowledged.add(finished.executionId());
				}
			});
	}

	static void sleep(Duration duration) {
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
		Thread.ofVirtual().name("engine-maintenance").start(this.upkeep::run);
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
