package com.hirebuddha.worker.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's upkeep, on one thread: stops runs someone cancelled, notes the runs whose
 * end the broker acknowledged, renews this worker's leases, and every sweep fails runs
 * past their deadline that nobody holds, cancels abandoned ones, announces again what was
 * not acknowledged, and takes over runs whose worker vanished while there is room.
 */
final class EngineMaintenance {

	private static final Logger log = LoggerFactory.getLogger(EngineMaintenance.class);

	private final Runs runs;

	private final Progress progress;

	private final EngineProperties properties;

	private final String owner;

	private final Semaphore capacity;

	private final Queue<UUID> acknowledged;

	private final Host host;

	EngineMaintenance(Runs runs, Progress progress, EngineProperties properties, String owner, Semaphore capacity,
			Queue<UUID> acknowledged, Host host) {
		this.runs = runs;
		this.progress = progress;
		this.properties = properties;
		this.owner = owner;
		this.capacity = capacity;
		this.acknowledged = acknowledged;
		this.host = host;
	}

	/** The loop: until the engine stops, every 250 ms. */
	void run() {
		long nextRenew = 0;
		long nextSweep = 0;
		while (this.host.running()) {
			long now = System.nanoTime();
			try {
				for (UUID cancelled : this.runs.cancelRequested(this.owner)) {
					this.host.cancel(cancelled);
				}
				noteAnnounced();
				if (now >= nextRenew) {
					this.runs.renew(this.owner, this.host.active(), this.properties.lease());
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
			Engine.sleep(Duration.ofMillis(250));
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
			this.host.announce(ended);
		}
		this.runs.cancelAbandoned().forEach(this.host::announce);
		for (Runs.Finished unannounced : this.runs.unannounced(Duration.ofSeconds(5))) {
			// its node events may not have reached the broker either (a run is stored as
			// finished before its last node events are acknowledged): they go again first
			this.runs.nodes(unannounced.executionId())
				.values()
				.stream()
				.filter(NodeState::done)
				.forEach((state) -> this.progress.nodeCompleted(unannounced.tenantId(), unannounced.executionId(),
						state));
			this.host.announce(unannounced);
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
			if (!this.host.running()) {
				// stopping: hand it straight back
				this.runs.release(this.owner, List.of(id));
				this.capacity.release();
				return;
			}
			if (run.claims() > this.properties.maxClaims()) {
				this.runs
					.finish(id, new Runs.Claim(this.owner, run.claims()), RunStatus.FAILED, null,
							Map.of("code", "crash-loop", "message",
									"the run was taken over " + (run.claims() - 1) + " times"),
							null)
					.ifPresent(this.host::announce);
				this.capacity.release();
				return;
			}
		}
		catch (RuntimeException ex) {
			this.capacity.release();
			log.warn("could not take over run {}; its lease runs out again: {}", id, ex.toString());
			return;
		}
		this.host.launch(run);
	}

	/** What the upkeep asks of the engine it serves. */
	interface Host {

		/**
		 * @return whether the engine is running (the loop ends when it stops)
		 */
		boolean running();

		/**
		 * @return the runs this worker runs now
		 */
		Set<UUID> active();

		/**
		 * @param executionId a run to stop, if it runs here
		 */
		void cancel(UUID executionId);

		/**
		 * @param finished a run's end to announce
		 */
		void announce(Runs.Finished finished);

		/**
		 * @param claimed a run this worker took over, to start (its capacity permit is
		 * held)
		 */
		void launch(Runs.Claimed claimed);

	}

}
