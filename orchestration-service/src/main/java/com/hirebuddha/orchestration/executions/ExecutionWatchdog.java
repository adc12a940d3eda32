package com.hirebuddha.orchestration.executions;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.hirebuddha.commons.events.EventPublisher;
import com.hirebuddha.commons.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The last line against runs stuck in {@code RUNNING}: the worker fleet fails a run at
 * its deadline, and if no worker is left to do so, this fails it a grace period later,
 * with an {@code error} event so that its stream ends too. It also forgets idempotency
 * keys older than their window.
 */
@Component
class ExecutionWatchdog {

	private static final Logger log = LoggerFactory.getLogger(ExecutionWatchdog.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final ExecutionStreams streams;

	private final ExecutionProperties properties;

	private final JsonMapper json = JsonMapper.builder().build();

	private final Clock clock = Clock.systemUTC();

	private final EventPublisher events;

	ExecutionWatchdog(JdbcClient jdbc, TransactionTemplate transactions, ExecutionStreams streams,
			ExecutionProperties properties, EventPublisher events) {
		this.events = events;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.streams = streams;
		this.properties = properties;
	}

	@Scheduled(initialDelayString = "PT10S", fixedDelayString = "${hb.executions.watchdog-every:PT15S}")
	void sweep() {
		List<StoredEvent> ended = this.transactions.execute((status) -> failOverdue());
		if (ended != null && !ended.isEmpty()) {
			this.streams.deliver(ended);
		}
		this.jdbc.sql("delete from idempotency_key where created_at < :expired")
			.param("expired", Timestamp.from(this.clock.instant().minus(this.properties.idempotencyWindow())))
			.update();
	}

	private List<StoredEvent> failOverdue() {
		Instant now = this.clock.instant();
		List<UUID> overdue = this.jdbc
			.sql("select id from execution where status in ('PENDING', 'RUNNING') and deadline < :cutoff "
					+ "order by deadline limit 100 for update skip locked")
			.param("cutoff", Timestamp.from(now.minus(this.properties.watchdogGrace())))
			.query(UUID.class)
			.list();
		List<StoredEvent> events = new ArrayList<>();
		for (UUID id : overdue) {
			Map<String, Object> error = Map.of("code", "worker-lost", "message",
					"no worker finished the run by its deadline");
			String errorJson = this.json.writeValueAsString(error);
			UUID tenantId = this.jdbc.sql("""
					update execution set status = 'FAILED', error = :error::jsonb, finished_at = :now, updated_at = :now
					where id = :id returning tenant_id
					""")
				.param("error", errorJson)
				.param("now", Timestamp.from(now))
				.param("id", id)
				.query(UUID.class)
				.single();
			this.jdbc
				.sql("update execution_step set status = 'FAILED', finished_at = :now, error = :error::jsonb "
						+ "where execution_id = :id and status = 'RUNNING'")
				.param("now", Timestamp.from(now))
				.param("error", errorJson)
				.param("id", id)
				.update();
			// should a worker still hold it somewhere, it stops
			this.events.publish(Topics.EXECUTION_REQUESTED, id.toString(), ExecutionRequested.CANCEL_TYPE, tenantId,
					new ExecutionRequested.CancelRequested(id, tenantId));
			String data = this.json.writeValueAsString(Map.of("executionId", id, "event", "error", "status",
					ExecutionStatus.FAILED, "error", error, "at", now.toString()));
			UUID eventId = UUID.nameUUIDFromBytes(("watchdog:" + id).getBytes(StandardCharsets.UTF_8));
			this.jdbc.sql("""
					insert into execution_event (event_id, execution_id, tenant_id, type, data)
					select :eventId, id, tenant_id, 'error', :data::jsonb from execution where id = :id
					on conflict (event_id) do nothing returning id, execution_id, type, data::text as data
					""")
				.param("eventId", eventId)
				.param("data", data)
				.param("id", id)
				.query(StoredEvent.class)
				.optional()
				.ifPresent(events::add);
			log.warn("execution {} failed by the watchdog: past its deadline with no worker finishing it", id);
		}
		return events;
	}

}
