package com.hirebuddha.commons.web;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the requests a service works on at once. With virtual threads nothing else does:
 * under a burst every request would start, wait for one of a handful of database
 * connections, and together exhaust the heap. A request beyond the limit waits a moment
 * for a slot, then gets 503 problem+json with {@code Retry-After}, and nothing was done
 * for it. Streams (SSE) hold a slot only while their handler runs, not while they stream.
 * Actuator endpoints are never refused, so health checks see an overloaded service as up.
 */
public class ConcurrencyLimitFilter extends OncePerRequestFilter {

	private final Semaphore slots;

	private final Duration queueTimeout;

	private final Counter shed;

	/**
	 * A limit.
	 * @param maxConcurrent requests worked on at once
	 * @param queueTimeout how long a request waits for a slot
	 * @param meters where the shed requests are counted
	 */
	public ConcurrencyLimitFilter(int maxConcurrent, Duration queueTimeout, MeterRegistry meters) {
		this.slots = new Semaphore(maxConcurrent, true);
		this.queueTimeout = queueTimeout;
		this.shed = Counter.builder("hb.http.shed")
			.description("Requests refused with 503 because the service was at its concurrency limit")
			.register(meters);
		Gauge.builder("hb.http.in.flight", this.slots, (s) -> maxConcurrent - s.availablePermits())
			.description("Requests being worked on")
			.register(meters);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getRequestURI().startsWith("/actuator");
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return true;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean admitted;
		try {
			admitted = this.slots.tryAcquire(this.queueTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			admitted = false;
		}
		if (!admitted) {
			this.shed.increment();
			refuse(request, response);
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.slots.release();
		}
	}

	private static void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.setHeader("Retry-After", "1");
		ServletProblems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "overloaded", "Service Unavailable",
				ServletProblems.OVERLOADED);
	}

}
