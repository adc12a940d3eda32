package com.hirebuddha.gateway.web;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquirePendingLimitException;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquireTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A busy connection pool is an overload (503, try again), not an upstream timeout (504).
 */
class ProblemErrorHandlerTests {

	@Test
	void reactorNettysPoolRefusalsAreRecognisedWhereverTheyAreWrapped() {
		assertThat(ProblemErrorHandler.isPoolExhausted(new PoolAcquireTimeoutException(Duration.ofSeconds(2))))
			.isTrue();
		assertThat(ProblemErrorHandler.isPoolExhausted(new PoolAcquirePendingLimitException(10))).isTrue();
		assertThat(ProblemErrorHandler
			.isPoolExhausted(new IllegalStateException(new PoolAcquireTimeoutException(Duration.ofSeconds(2)))))
			.isTrue();
		assertThat(ProblemErrorHandler.isPoolExhausted(new TimeoutException("the service was slow"))).isFalse();
	}

}
