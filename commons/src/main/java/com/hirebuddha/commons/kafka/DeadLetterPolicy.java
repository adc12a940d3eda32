package com.hirebuddha.commons.kafka;

import com.hirebuddha.commons.events.InvalidEventException;
import com.hirebuddha.commons.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Builds the consumers' error handler: a failing record is retried a few times with
 * backoff, then parked on {@code <topic>.dlt} and counted in
 * {@code hb.kafka.dead.letters}; records that can never succeed (invalid envelopes) skip
 * the retries.
 */
public final class DeadLetterPolicy {

	private DeadLetterPolicy() {
	}

	/**
	 * Creates the error handler for listener containers.
	 * @param template publishes the dead letters
	 * @param meters counts them
	 * @param maxAttempts deliveries before a record is parked (at least 1)
	 * @return the handler
	 */
	public static DefaultErrorHandler errorHandler(KafkaOperations<?, ?> template, MeterRegistry meters,
			int maxAttempts) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template, (record, ex) -> {
			Counter.builder("hb.kafka.dead.letters")
				.description("Records parked on a dead-letter topic")
				.tag("topic", record.topic())
				.register(meters)
				.increment();
			return new TopicPartition(Topics.deadLetter(record.topic()), -1);
		});
		ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
		backOff.setMaxAttempts(Math.max(0, maxAttempts - 1));
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
		handler.addNotRetryableExceptions(InvalidEventException.class);
		handler.setBackOffFunction((record, ex) -> backOffFor(ex));
		return handler;
	}

	/**
	 * The backoff for a failure the database caused, or {@code null} for the default one.
	 * @param ex the listener's failure
	 * @return an unlimited backoff capped at 30 s for transient database failures, else
	 * null
	 */
	static @Nullable BackOff backOffFor(Exception ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
					|| cause instanceof DataAccessResourceFailureException
					|| cause instanceof CannotCreateTransactionException) {
				ExponentialBackOff unlimited = new ExponentialBackOff(500, 2.0);
				unlimited.setMaxInterval(30_000);
				return unlimited;
			}
		}
		return null;
	}

}
