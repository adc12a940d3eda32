package com.hirebuddha.orchestration.executions;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Ends a run that cannot finish on its own (no worker finished it by its deadline, its
 * request could never be delivered) as {@code FAILED} with a reason, and stores the
 * {@code error} event that ends its stream; the stream's listeners get it once the
 * caller's transaction commits.
 */
@Component
class ExecutionFailures {

	private final JdbcClient jdbc;

	private final ExecutionStreams streams;

	private final JsonMapper json = JsonMapper.builder().build();

	ExecutionFailures(JdbcClient jdbc, ExecutionStreams streams) {
		this.jdbc = jdbc;
		this.streams = streams;
	}

	/**
	 * Fails a run that has not ended yet; a run that has ended is left as it is.
	 * @param id the run
	 * @param code the stable error code, for example {@code event-undeliverable}
	 * @param message what happened, for people
	 * @param now when
	 * @return the run's tenant, if this call failed it
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<UUID> fail(UUID id, String code, String message, Instant now) {
		Map<String, Object> error = Map.of("code", code, "message", message);
		String errorJson = this.json.writeValueAsString(error);
		Optional<UUID> tenantId = this.jdbc.sql("""
				update execution set status = 'FAILED', error = :error::jsonb, finished_at = :now, updated_at = :now
				where id = :id and status in ('PENDING', 'RUNNING') returning tenant_id
				""")
			.param("error", errorJson)
			.param("now", Timestamp.from(now))
			.param("id", id)
			.query(UUID.class)
			.optional();
		if (tenantId.isEmpty()) {
			return tenantId;
		}
		this.jdbc
			.sql("update execution_step set status = 'FAILED', finished_at = :now, error = :error::jsonb "
					+ "where execution_id = :id and status = 'RUNNING'")
			.param("now", Timestamp.from(now))
			.param("error", errorJson)
			.param("id", id)
			.update();
		String data = this.json.writeValueAsString(Map.of("executionId", id, "event", "error", "status",
				ExecutionStatus.FAILED, "error", error, "at", now.toString()));
		UUID eventId = UUID.nameUUIDFromBytes((code + ":" + id).getBytes(StandardCharsets.UTF_8));
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
			.ifPresent(this::deliverAfterCommit);
		return tenantId;
	}

	private void deliverAfterCommit(StoredEvent event) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				ExecutionFailures.this.streams.deliver(List.of(event));
			}
		});
	}

}
