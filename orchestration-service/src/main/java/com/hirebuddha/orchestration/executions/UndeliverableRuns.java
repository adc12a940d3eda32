package com.hirebuddha.orchestration.executions;

import java.time.Clock;
import java.util.UUID;

import com.hirebuddha.commons.outbox.UndeliverableEventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * A run whose {@code execution.requested} the broker refused for good would wait for a
 * worker forever: it fails at once, with {@code event-undeliverable} and the broker's
 * reason, and its stream ends.
 */
@Component
class UndeliverableRuns implements UndeliverableEventHandler {

	private static final Logger log = LoggerFactory.getLogger(UndeliverableRuns.class);

	private final ExecutionFailures failures;

	private final Clock clock = Clock.systemUTC();

	UndeliverableRuns(ExecutionFailures failures) {
		this.failures = failures;
	}

	@Override
	public boolean handles(String type) {
		return ExecutionRequested.TYPE.equals(type);
	}

	@Override
	public void parked(ParkedEvent event) {
		UUID id = UUID.fromString(event.key());
		this.failures
			.fail(id, "event-undeliverable",
					"the run could not be handed to a worker: the event broker refused it (" + event.reason() + ")",
					this.clock.instant())
			.ifPresent((tenant) -> log.warn("execution {} failed: its execution.requested event was parked", id));
	}

}
