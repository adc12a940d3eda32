package com.hirebuddha.commons.web;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyLimitFilterTests {

	@Test
	void aRequestBeyondTheLimitIsRefusedWith503AndRetryAfterAndTheSlotComesBack() throws Exception {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(1, Duration.ofMillis(100), meters);
		CountDownLatch inside = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Thread busy = Thread.ofVirtual().start(() -> {
			try {
				filter.doFilter(new MockHttpServletRequest("POST", "/api/v1/things"), new MockHttpServletResponse(),
						(request, response) -> {
							inside.countDown();
							try {
								release.await(5, TimeUnit.SECONDS);
							}
							catch (InterruptedException ex) {
								Thread.currentThread().interrupt();
							}
						});
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

		MockHttpServletResponse refused = new MockHttpServletResponse();
		MockFilterChain untouched = new MockFilterChain();
		filter.doFilter(new MockHttpServletRequest("POST", "/api/v1/things"), refused, untouched);
		assertThat(refused.getStatus()).isEqualTo(503);
		assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
		assertThat(refused.getContentType()).isEqualTo("application/problem+json");
		assertThat(refused.getContentAsString()).contains("/overloaded");
		assertThat(untouched.getRequest()).as("nothing was done for it").isNull();
		assertThat(meters.get("hb.http.shed").counter().count()).isEqualTo(1);

		MockHttpServletResponse health = new MockHttpServletResponse();
		filter.doFilter(new MockHttpServletRequest("GET", "/actuator/health"), health, new MockFilterChain());
		assertThat(health.getStatus()).as("health checks are never shed").isEqualTo(200);

		release.countDown();
		busy.join();
		MockHttpServletResponse later = new MockHttpServletResponse();
		filter.doFilter(new MockHttpServletRequest("POST", "/api/v1/things"), later, new MockFilterChain());
		assertThat(later.getStatus()).isEqualTo(200);
	}

}
