package com.hirebuddha.commons.kafka;

import org.junit.jupiter.api.Test;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database outage never sends a valid record to the dead-letter topic: its retries do
 * not run out; other failures keep the bounded default that ends on the dead-letter
 * topic.
 */
class DeadLetterPolicyTests {

	@Test
	void databaseOutagesAreRetriedWithoutLimitBackingOffTo30Seconds() {
		for (Exception outage : new Exception[] {
				new ListenerExecutionFailedException("listener failed",
						new CannotCreateTransactionException("no connection",
								new CannotGetJdbcConnectionException("refused"))),
				new QueryTimeoutException("statement timeout") }) {
			BackOff backOff = DeadLetterPolicy.backOffFor(outage);
			assertThat(backOff).as(outage.toString()).isNotNull();
			BackOffExecution execution = backOff.start();
			long last = 0;
			for (int i = 0; i < 1000; i++) {
				last = execution.nextBackOff();
				assertThat(last).isNotEqualTo(BackOffExecution.STOP).isLessThanOrEqualTo(30_000);
			}
			assertThat(last).isEqualTo(30_000);
		}
	}

	@Test
	void otherFailuresKeepTheBoundedDefault() {
		assertThat(DeadLetterPolicy
			.backOffFor(new ListenerExecutionFailedException("listener failed", new IllegalStateException("bug"))))
			.isNull();
	}

}
