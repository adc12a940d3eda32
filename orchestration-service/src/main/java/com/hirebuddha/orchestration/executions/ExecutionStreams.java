package com.hirebuddha.orchestration.executions;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.hirebuddha.commons.tenancy.DbScope;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Serves {@code GET /executions/{id}/events}. A client first gets what it missed (after
 * its {@code Last-Event-ID}, or everything) from the stored history, then live events as
 * this instance stores them; each stream is one virtual thread. When an execution's
 * events are stored by another instance, the stream finds them in the history within the
 * poll interval. The stream ends after the execution's last event.
 */
@Component
class ExecutionStreams {

	private static final Logger log = LoggerFactory.getLogger(ExecutionStreams.class);

	private static final int PAGE = 500;

	private static final Duration POLL = Duration.ofSeconds(1);

	private final JdbcClient jdbc;

	private final ExecutionProperties properties;

	private final Map<UUID, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();

	// streams read the history on their own threads: they may not take every database
	// connection from the requests
	private final Semaphore reads = new Semaphore(4, true);

	ExecutionStreams(JdbcClient jdbc, ExecutionProperties properties, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.properties = properties;
		Gauge
			.builder("hb.executions.streams", this.subscribers,
					(map) -> map.values().stream().mapToInt(Set::size).sum())
			.description("Open execution event streams on this instance")
			.register(meters);
	}

	/**
	 * Opens a stream for a tenant's execution; the caller has checked the execution is
	 * the tenant's.
	 * @param tenantId the tenant
	 * @param executionId the execution
	 * @param after the last event id the client has, {@code 0} for all
	 * @return the emitter
	 */
	SseEmitter open(UUID tenantId, UUID executionId, long after) {
		SseEmitter emitter = new SseEmitter(0L);
		Subscriber subscriber = new Subscriber(tenantId, executionId, emitter, after);
		this.subscribers.computeIfAbsent(executionId, (id) -> ConcurrentHashMap.newKeySet()).add(subscriber);
		emitter.onCompletion(subscriber::close);
		emitter.onTimeout(subscriber::close);
		emitter.onError((ex) -> subscriber.close());
		Thread.ofVirtual().name("sse-" + executionId).start(subscriber::run);
		return emitter;
	}

	/**
	 * Hands stored events to the streams open here; called after their commit.
	 * @param events the events, in storage order
	 */
	void deliver(List<StoredEvent> events) {
		for (StoredEvent event : events) {
			Set<Subscriber> listening = this.subscribers.get(event.executionId());
			if (listening != null) {
				listening.forEach((subscriber) -> subscriber.queue.offer(event));
			}
		}
	}

	private List<StoredEvent> history(UUID tenantId, UUID executionId, long after) {
		return read(() -> DbScope.run(DbScope.tenant(tenantId),
				() -> this.jdbc.sql("select id, execution_id, type, data::text as data from execution_event "
						+ "where execution_id = :id and tenant_id = :tenant and id > :after order by id limit :limit")
					.param("id", executionId)
					.param("tenant", tenantId)
					.param("after", after)
					.param("limit", PAGE)
					.query(StoredEvent.class)
					.list()));
	}

	private boolean finished(UUID tenantId, UUID executionId) {
		return read(() -> DbScope.run(DbScope.tenant(tenantId),
				() -> this.jdbc.sql("select status from execution where id = :id and tenant_id = :tenant")
					.param("id", executionId)
					.param("tenant", tenantId)
					.query(String.class)
					.optional()
					.map(ExecutionStatus::isFinal)
					.orElse(true)));
	}

	private <T> T read(java.util.function.Supplier<T> query) {
		this.reads.acquireUninterruptibly();
		try {
			return query.get();
		}
		finally {
			this.reads.release();
		}
	}

	private final class Subscriber {

		private final UUID tenantId;

		private final UUID executionId;

		private final SseEmitter emitter;

		private final BlockingQueue<StoredEvent> queue = new LinkedBlockingQueue<>();

		private volatile boolean open = true;

		private long last;

		Subscriber(UUID tenantId, UUID executionId, SseEmitter emitter, long after) {
			this.tenantId = tenantId;
			this.executionId = executionId;
			this.emitter = emitter;
			this.last = after;
		}

		void run() {
			try {
				boolean ended = catchUp();
				long quietSince = System.nanoTime();
				long heartbeatAt = System.nanoTime() + ExecutionStreams.this.properties.heartbeat().toNanos();
				while (!ended && this.open) {
					StoredEvent event = this.queue.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
					if (event != null) {
						ended = send(event);
						quietSince = System.nanoTime();
						continue;
					}
					if (System.nanoTime() - quietSince >= POLL.toNanos()) {
						// nothing live: another instance may be storing this execution's
						// events
						ended = catchUp() || endedWithoutLastEvent();
						quietSince = System.nanoTime();
					}
					if (!ended && System.nanoTime() >= heartbeatAt) {
						this.emitter.send(SseEmitter.event().comment("keep-alive"));
						heartbeatAt = System.nanoTime() + ExecutionStreams.this.properties.heartbeat().toNanos();
					}
				}
				this.emitter.complete();
			}
			catch (IOException | IllegalStateException ex) {
				// the client went away
				log.debug("event stream of {} closed: {}", this.executionId, ex.toString());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.emitter.complete();
			}
			catch (RuntimeException ex) {
				log.warn("event stream of {} failed", this.executionId, ex);
				this.emitter.completeWithError(ex);
			}
			finally {
				close();
			}
		}

		private boolean catchUp() throws IOException {
			while (true) {
				List<StoredEvent> page = history(this.tenantId, this.executionId, this.last);
				for (StoredEvent event : page) {
					if (send(event)) {
						return true;
					}
				}
				if (page.size() < PAGE) {
					return false;
				}
			}
		}

		// the last event is stored with the final status; this only guards against a
		// stream outliving its run
		private boolean endedWithoutLastEvent() throws IOException {
			if (!finished(this.tenantId, this.executionId)) {
				return false;
			}
			catchUp();
			return true;
		}

		private boolean send(StoredEvent event) throws IOException {
			if (event.id() <= this.last) {
				return false;
			}
			this.emitter.send(SseEmitter.event()
				.id(Long.toString(event.id()))
				.name(event.type())
				.data(event.data(), MediaType.APPLICATION_JSON));
			this.last = event.id();
			return event.last();
		}

		void close() {
			this.open = false;
			Set<Subscriber> listening = ExecutionStreams.this.subscribers.get(this.executionId);
			if (listening != null) {
				listening.remove(this);
				if (listening.isEmpty()) {
					ExecutionStreams.this.subscribers.remove(this.executionId, listening);
				}
			}
		}

	}

}
