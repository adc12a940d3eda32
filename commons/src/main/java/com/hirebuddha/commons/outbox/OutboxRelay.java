package com.hirebuddha.commons.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.hirebuddha.commons.jdbc.Rows;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes pending outbox rows to Kafka in commit order and marks each one published
 * only after the broker acknowledged it. Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so several replicas can relay side by side without
 * sending a row twice in the normal case; a crash between the broker's acknowledgement
 * and the commit sends it again, which consumers absorb by event id.
 */
public class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	/** Rows the relay still has to send: neither acknowledged nor parked. */
	private static final String PENDING = "published_at is null and parked_at is null";

	private static final Duration CLEANUP_EVERY = Duration.ofMinutes(5);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final KafkaTemplate<String, String> kafka;

	private final OutboxProperties properties;

	private final List<UndeliverableEventHandler> undeliverable;

	private final Semaphore wakeUps = new Semaphore(0);

	private final Counter published;

	private final Counter failures;

	private volatile boolean running;

	private volatile @Nullable Thread worker;

	private long lastCleanup;

	public OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, String> kafka,
			OutboxProperties properties, MeterRegistry meters, List<UndeliverableEventHandler> undeliverable) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.kafka = kafka;
		this.properties = properties;
		this.undeliverable = List.copyOf(undeliverable);
		this.published = Counter.builder("hb.outbox.published")
			.description("Events the broker acknowledged")
			.register(meters);
		this.failures = Counter.builder("hb.outbox.send.failures")
			.description("Sends that failed: retried, or parked when Kafka will never take the event")
			.register(meters);
		Gauge.builder("hb.outbox.pending", this, (relay) -> relay.countSafely(PENDING))
			.description("Events committed but not yet acknowledged by the broker")
			.register(meters);
		Gauge.builder("hb.outbox.parked", this, (relay) -> relay.countSafely("parked_at is not null"))
			.description("Events Kafka refused for good, waiting for an operator")
			.register(meters);
	}

	/** Asks the relay to look for new rows now instead of at its next poll. */
	public void wakeUp() {
		if (this.wakeUps.availablePermits() == 0) {
			this.wakeUps.release();
		}
	}

	/**
	 * Publishes one batch of pending events.
	 * @return how many events the broker acknowledged
	 */
	public int relayOnce() {
		List<UndeliverableEventHandler.ParkedEvent> parked = new ArrayList<>();
		Integer sent = this.transactions.execute((status) -> publishBatch(parked));
		// after the park committed, each in a transaction of its own: a handler that
		// fails leaves the event parked and the relay going (what waited then ends at its
		// own deadline, as if this had crashed in between)
		parked.forEach(this::endWhatWaitedFor);
		cleanUpNowAndThen();
		return (sent != null) ? sent : 0;
	}

	/**
	 * Counts the events still waiting for the broker.
	 * @return the number of pending rows
	 */
	public long pending() {
		return count(PENDING);
	}

	private int publishBatch(List<UndeliverableEventHandler.ParkedEvent> parked) {
		// one relay per service schema at a time (replicas take turns): rows go out in
		// seq order
		Boolean turn = this.jdbc.sql("select pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox'))")
			.query(Boolean.class)
			.single();
		if (!Boolean.TRUE.equals(turn)) {
			return 0;
		}
		List<PendingEvent> batch = Rows.present(this.jdbc.sql("""
				select id, topic, message_key, type, tenant_id, envelope::text as envelope from outbox_event
				where %s order by seq limit :limit for update skip locked
				""".formatted(PENDING)).param("limit", this.properties.batchSize()).query(PendingEvent.class).list());
		if (batch.isEmpty()) {
			return 0;
		}
		return send(batch, parked);
	}

	private void endWhatWaitedFor(UndeliverableEventHandler.ParkedEvent event) {
		for (UndeliverableEventHandler handler : this.undeliverable) {
			if (!handler.handles(event.type())) {
				continue;
			}
			try {
				this.transactions.executeWithoutResult((status) -> handler.parked(event));
			}
			catch (RuntimeException ex) {
				log.error("outbox event {} was parked and {} could not end what waited for it", event.id(),
						handler.getClass().getSimpleName(), ex);
			}
		}
	}

	// A key whose event failed sends nothing more this round, so its order holds on
	// retry; a broker that cannot even take a record (timeout) ends the round, not one
	// per record.

	private int send(List<PendingEvent> batch, List<UndeliverableEventHandler.ParkedEvent> parked) {
		Map<PendingEvent, CompletableFuture<?>> sends = new LinkedHashMap<>();
		Set<String> failedKeys = new HashSet<>();
		for (PendingEvent event : batch) {
			if (failedKeys.contains(event.messageKey())) {
				continue;
			}
			try {
				sends.put(event, this.kafka.send(event.topic(), event.messageKey(), event.envelope()));
			}
			catch (RuntimeException ex) {
				failedKeys.add(event.messageKey());
				fail(event, ex, parked);
				if (hasCause(ex, TimeoutException.class)) {
					break;
				}
			}
		}
		long deadline = System.nanoTime() + this.properties.sendTimeout().toNanos();
		List<UUID> acknowledged = new ArrayList<>(sends.size());
		sends.forEach((event, send) -> {
			try {
				send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				acknowledged.add(event.id());
			}
			catch (Exception ex) {
				fail(event, ex, parked);
			}
		});
		if (!acknowledged.isEmpty()) {
			this.jdbc.sql("update outbox_event set published_at = now() where id = any(:ids)")
				.param("ids", acknowledged.toArray(UUID[]::new))
				.update();
			this.published.increment(acknowledged.size());
		}
		return acknowledged.size();
	}

	private void fail(PendingEvent event, Exception ex, List<UndeliverableEventHandler.ParkedEvent> parked) {
		if (ex instanceof InterruptedException) {
			Thread.currentThread().interrupt();
		}
		this.failures.increment();
		String reason = recordFailure(event.id(), ex);
		if (reason != null) {
			parked.add(new UndeliverableEventHandler.ParkedEvent(event.id(), event.topic(), event.messageKey(),
					event.type(), event.tenantId(), reason));
		}
	}

	private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	// retriable failures (broker down, leader moving) stay pending; others never succeed
	// and are parked: answers why, or null when the event stays pending
	private @Nullable String recordFailure(UUID id, Exception ex) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		boolean retriable = hasCause(ex, RetriableException.class);
		String error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
		log.warn("outbox event {} not acknowledged, {}: {}", id, retriable ? "will retry" : "parked", error);
		this.jdbc.sql("""
				update outbox_event set attempts = attempts + 1, last_error = :error,
				parked_at = case when :parked then now() end where id = :id
				""")
			.param("error", error.length() > 500 ? error.substring(0, 500) : error)
			.param("parked", !retriable)
			.param("id", id)
			.update();
		return retriable ? null : error;
	}

	private void cleanUpNowAndThen() {
		long now = System.nanoTime();
		if (now - this.lastCleanup < CLEANUP_EVERY.toNanos()) {
			return;
		}
		this.lastCleanup = now;
		this.jdbc.sql("delete from outbox_event where published_at < now() - make_interval(secs => :seconds)")
			.param("seconds", this.properties.retention().toSeconds())
			.update();
	}

	private long count(String condition) {
		return this.jdbc.sql("select count(*) from outbox_event where " + condition).query(Long.class).single();
	}

	private double countSafely(String condition) {
		try {
			return count(condition);
		}
		catch (RuntimeException ex) {
			return Double.NaN;
		}
	}

	private void loop() {
		Duration backoff = this.properties.pollInterval();
		while (this.running) {
			try {
				int sent = relayOnce();
				backoff = this.properties.pollInterval();
				if (sent < this.properties.batchSize()) {
					this.wakeUps.tryAcquire(backoff.toMillis(), TimeUnit.MILLISECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException | OutOfMemoryError ex) {
				// an exhausted heap is usually a passing burst; a relay that died here
				// would leave every later event unpublished until a restart
				log.warn("outbox relay round failed, retrying in {}: {}", backoff, ex.toString());
				sleep(backoff);
				backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10)
						: backoff.multipliedBy(2);
			}
		}
	}

	private void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void start() {
		if (!this.properties.relayEnabled() || this.running) {
			return;
		}
		this.running = true;
		this.worker = Thread.ofVirtual().name("outbox-relay").start(this::loop);
	}

	@Override
	public void stop() {
		this.running = false;
		Thread thread = this.worker;
		if (thread != null) {
			// no interrupt: it would close the JDBC socket under a running round
			this.wakeUps.release();
			try {
				// a round lasts at most one blocked send plus the send timeout
				thread.join(this.properties.sendTimeout().plusSeconds(10).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// stop after the web server drained, so the last requests' events still go out;
		// anything committed later waits in the table for the next start
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	record PendingEvent(UUID id, String topic, String messageKey, String type, @Nullable UUID tenantId,
			String envelope) {
	}

}
