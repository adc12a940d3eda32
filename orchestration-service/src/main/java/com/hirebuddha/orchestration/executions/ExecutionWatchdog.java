package com.hirebuddha.orchestration.executions;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.hirebuddha.commons.events.EventPublisher;
import com.hirebuddha.commons.jdbc.Rows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

	private final ExecutionFailures failures;

	private final ExecutionProperties properties;

	private final Clock clock = Clock.systemUTC();

	private final EventPublisher events;

	ExecutionWatchdog(JdbcClient jdbc, TransactionTemplate transactions, ExecutionFailures failures,
			ExecutionProperties properties, EventPublisher events) {
		this.events = events;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.failures = failures;
		this.properties = properties;
	}

	@Scheduled(initialDelayString = "PT10S", fixedDelayString = "${hb.executions.watchdog-every:PT15S}")
	void sweep() {
		this.transactions.executeWithoutResult((status) -> failOverdue());
		this.jdbc.sql("delete from idempotency_key where created_at < :expired")
			.param("expired", Timestamp.from(this.clock.instant().minus(this.properties.idempotencyWindow())))
			.update();
	}

	private void failOverdue() {
		Instant now = this.clock.instant();
		List<UUID> overdue = Rows.present(this.jdbc
			.sql("select id from execution where status in ('PENDING', 'RUNNING') and deadline < :cutoff "
					+ "order by deadline limit 100 for update skip locked")
			.param("cutoff", Timestamp.from(now.minus(this.properties.watchdogGrace())))
			.query(UUID.class)
			.list());
		for (UUID id : overdue) {
			this.failures.fail(id, "worker-lost", "no worker finished the run by its deadline", now)
				.ifPresent((tenantId) -> {
					// should a worker still hold it somewhere, it stops
					this.events.publish(new ExecutionRequested.CancelRequested(id, tenantId));
					log.warn("execution {} failed by the watchdog: past its deadline with no worker finishing it", id);
				});
		}
	}

}
