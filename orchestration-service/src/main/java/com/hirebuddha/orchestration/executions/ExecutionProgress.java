package com.hirebuddha.orchestration.executions;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import com.hirebuddha.commons.events.EventCodec;
import com.hirebuddha.commons.events.EventEnvelope;
import com.hirebuddha.commons.events.Topics;
import com.hirebuddha.commons.kafka.BatchListenerConfiguration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consumes {@code execution.events}: stores each event once (by event id) in the
 * execution's history, moves the execution and its steps along, and hands what it stored
 * to the local event streams after commit. A batch is one transaction; if it fails, the
 * events are applied one by one so that only a poison event is retried and parked.
 */
@Component
class ExecutionProgress {

	private static final Logger log = LoggerFactory.getLogger(ExecutionProgress.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final EventCodec codec;

	private final ExecutionStreams streams;

	private final JsonMapper json = JsonMapper.builder().build();

	ExecutionProgress(JdbcClient jdbc, TransactionTemplate transactions, EventCodec codec, ExecutionStreams streams) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.codec = codec;
		this.streams = streams;
	}

	@KafkaListener(id = "orchestration-service.execution-events", topics = Topics.EXECUTION_EVENTS,
			containerFactory = BatchListenerConfiguration.BATCH_FACTORY, batch = "true")
	void onEvents(List<String> values) {
		List<StoredEvent> stored;
		try {
			stored = this.transactions.execute((status) -> {
				List<StoredEvent> applied = new ArrayList<>();
				for (String value : values) {
					StoredEvent event = apply(value);
					if (event != null) {
						applied.add(event);
					}
				}
				return applied;
			});
		}
		catch (RuntimeException ex) {
			log.warn("a batch of {} execution events failed ({}); applying them one by one", values.size(),
					ex.toString());
			stored = new ArrayList<>();
			for (int i = 0; i < values.size(); i++) {
				String value = values.get(i);
				try {
					StoredEvent event = this.transactions.execute((status) -> apply(value));
					if (event != null) {
						stored.add(event);
					}
				}
				catch (RuntimeException failure) {
					this.streams.deliver(stored);
					throw new BatchListenerFailedException("execution event failed", failure, i);
				}
			}
		}
		this.streams.deliver(stored);
	}

	private @Nullable StoredEvent apply(String value) {
		EventEnvelope envelope = this.codec.read(value);
		if (!ProgressEvent.TYPE.equals(envelope.type())) {
			return null;
		}
		ProgressEvent event = this.codec.data(envelope, ProgressEvent.class);
		String data = this.json.writeValueAsString(envelope.data());
		// live streams send what replays will send: the stored JSON text
		StoredEvent stored = this.jdbc.sql("""
				insert into execution_event (event_id, execution_id, tenant_id, type, data)
				select :eventId, e.id, e.tenant_id, :type, :data::jsonb from execution e
				where e.id = :execution and e.status in ('PENDING', 'RUNNING')
				on conflict (event_id) do nothing
				returning id, execution_id, type, data::text as data
				""")
			.param("eventId", envelope.id())
			.param("execution", event.executionId())
			.param("type", event.event())
			.param("data", data)
			.query(StoredEvent.class)
			.optional()
			.orElse(null);
		if (stored == null) {
			// a redelivery, an execution this service does not know, or one that already
			// ended (the watchdog gave up on it): its story is closed
			return null;
		}
		switch (event.event()) {
			case "status" -> status(event);
			case "node_started" -> nodeStarted(event);
			case "node_completed" -> nodeCompleted(event);
			case "final_result", "error" -> finished(event);
			default -> {
				// text_delta and the rest only tell the story
			}
		}
		return stored;
	}

	private void status(ProgressEvent event) {
		if (ExecutionStatus.CANCELLED.equals(event.status())) {
			finished(event);
			return;
		}
		this.jdbc.sql("""
				update execution set status = 'RUNNING', started_at = coalesce(started_at, :at), updated_at = now()
				where id = :id and status in ('PENDING', 'RUNNING')
				""").param("at", Timestamp.from(event.at())).param("id", event.executionId()).update();
	}

	private void nodeStarted(ProgressEvent event) {
		this.jdbc
			.sql("""
					insert into execution_step (execution_id, node_id, tenant_id, node_type, status, attempts, model, started_at)
					select e.id, :node, e.tenant_id, :type, 'RUNNING', :attempt, :model, :at from execution e where e.id = :id
					on conflict (execution_id, node_id) do update
					  set status = 'RUNNING', attempts = greatest(execution_step.attempts, excluded.attempts),
					      model = coalesce(excluded.model, execution_step.model), error = null
					  where execution_step.status = 'RUNNING'
					""")
			.param("id", event.executionId())
			.param("node", event.nodeId())
			.param("type", event.nodeType())
			.param("attempt", (event.attempt() != null) ? event.attempt() : 1)
			.param("model", event.model())
			.param("at", Timestamp.from(event.at()))
			.update();
	}

	private void nodeCompleted(ProgressEvent event) {
		this.jdbc
			.sql("""
					insert into execution_step (execution_id, node_id, tenant_id, node_type, status, attempts, model, output,
					                            error, input_tokens, output_tokens, cost_micros, started_at, finished_at)
					select e.id, :node, e.tenant_id, :type, :status, :attempt, :model, :output, :error::jsonb, :in, :out,
					       :cost, :at, :at
					from execution e where e.id = :id
					on conflict (execution_id, node_id) do update
					  set status = excluded.status, attempts = greatest(execution_step.attempts, excluded.attempts),
					      model = coalesce(excluded.model, execution_step.model), output = excluded.output,
					      error = excluded.error, input_tokens = excluded.input_tokens,
					      output_tokens = excluded.output_tokens, cost_micros = excluded.cost_micros,
					      finished_at = excluded.finished_at
					""")
			.param("id", event.executionId())
			.param("node", event.nodeId())
			.param("type", event.nodeType())
			.param("status", event.status())
			.param("attempt", (event.attempt() != null) ? event.attempt() : 1)
			.param("model", event.model())
			.param("output", event.output())
			.param("error", (event.error() != null) ? this.json.writeValueAsString(event.error()) : null)
			.param("in", event.inputTokensOrZero())
			.param("out", event.outputTokensOrZero())
			.param("cost", event.costMicrosOrZero())
			.param("at", Timestamp.from(event.at()))
			.update();
		this.jdbc.sql("""
				update execution set input_tokens = input_tokens + :in, output_tokens = output_tokens + :out,
				       cost_micros = cost_micros + :cost, updated_at = now()
				where id = :id
				""")
			.param("in", event.inputTokensOrZero())
			.param("out", event.outputTokensOrZero())
			.param("cost", event.costMicrosOrZero())
			.param("id", event.executionId())
			.update();
	}

	private void finished(ProgressEvent event) {
		String status = switch (event.event()) {
			case "final_result" -> ExecutionStatus.SUCCEEDED;
			case "error" -> ExecutionStatus.FAILED;
			default -> ExecutionStatus.CANCELLED;
		};
		// the final event carries the run's totals as the worker stored them: they stand
		// even if a node's event never arrived
		this.jdbc.sql("""
				update execution set status = :status, output = :output, error = :error::jsonb,
				       started_at = coalesce(started_at, :at), finished_at = :at, updated_at = now(),
				       input_tokens = coalesce(:in, input_tokens), output_tokens = coalesce(:out, output_tokens),
				       cost_micros = coalesce(:cost, cost_micros)
				where id = :id and status in ('PENDING', 'RUNNING')
				""")
			.param("in", event.inputTokens())
			.param("out", event.outputTokens())
			.param("cost", event.costMicros())
			.param("status", status)
			.param("output", event.output())
			.param("error", (event.error() != null) ? this.json.writeValueAsString(event.error()) : null)
			.param("at", Timestamp.from(event.at()))
			.param("id", event.executionId())
			.update();
		if (ExecutionStatus.SUCCEEDED.equals(status)) {
			return;
		}
		// a step a cancelled or failed run left running did not finish
		this.jdbc
			.sql("update execution_step set status = 'FAILED', finished_at = :at, "
					+ "error = coalesce(error, '{\"code\":\"run-ended\",\"message\":\"the run ended first\"}'::jsonb) "
					+ "where execution_id = :id and status = 'RUNNING'")
			.param("at", Timestamp.from(event.at()))
			.param("id", event.executionId())
			.update();
	}

}
