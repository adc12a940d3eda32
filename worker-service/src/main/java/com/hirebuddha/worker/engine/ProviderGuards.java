package com.hirebuddha.worker.engine;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * One Resilience4j circuit breaker and one bulkhead per provider endpoint and key (the
 * platform's key for a provider is one, each tenant's own key or base URL another): one
 * that keeps failing is left alone for a while instead of being hammered by every retry,
 * and one slow provider cannot take every call slot of the worker. Only retryable
 * failures (429, 5xx, timeouts, broken connections) count against the breaker; a refused
 * request is the request's fault, not the provider's.
 */
@Component
class ProviderGuards {

	private final EngineProperties properties;

	private final MeterRegistry meters;

	private final Map<String, Guard> guards = new ConcurrentHashMap<>();

	ProviderGuards(EngineProperties properties, MeterRegistry meters) {
		this.properties = properties;
		this.meters = meters;
	}

	/**
	 * The guard of one provider endpoint and key.
	 * @param provider the provider id, for its bulkhead size
	 * @param guard provider, endpoint and key hash
	 * @return the guard
	 */
	Guard forEndpoint(String provider, String guard) {
		return this.guards.computeIfAbsent(guard, (name) -> create(provider, name));
	}

	/**
	 * Calls in flight over every provider endpoint, as the bulkheads count them: zero
	 * when nothing runs, whatever way the last calls ended.
	 * @return the number of permits taken
	 */
	int callsInFlight() {
		return this.guards.values().stream().mapToInt(Guard::inFlight).sum();
	}

	private Guard create(String provider, String name) {
		EngineProperties.Breaker breaker = this.properties.breaker();
		CircuitBreaker circuit = CircuitBreaker.of(name,
				CircuitBreakerConfig.custom()
					.failureRateThreshold(breaker.failureRate())
					.slidingWindowSize(breaker.window())
					.minimumNumberOfCalls(breaker.minimumCalls())
					.waitDurationInOpenState(breaker.openFor())
					.permittedNumberOfCallsInHalfOpenState(3)
					// calls this side stopped (a node's own short timeout, cancel) say
					// nothing about the provider
					.recordException((ex) -> ex instanceof NodeFailure failure && failure.isRetryable()
							&& !NodeFailure.ABORTED.equals(failure.code()))
					.build());
		Bulkhead bulkhead = Bulkhead.of(provider,
				BulkheadConfig.custom()
					.maxConcurrentCalls(this.properties.bulkheadFor(provider))
					.maxWaitDuration(Duration.ofSeconds(10))
					.build());
		Gauge.builder("hb.provider.circuit.open", circuit, (c) -> (c.getState() == CircuitBreaker.State.OPEN) ? 1 : 0)
			.tag("provider", provider)
			.tag("guard", Integer.toHexString(name.hashCode()))
			.description("1 while the circuit breaker of a provider endpoint and key is open")
			.register(this.meters);
		return new Guard(circuit, bulkhead, breaker.openFor());
	}

	/**
	 * The breaker and bulkhead of one provider.
	 */
	static final class Guard {

		private final CircuitBreaker circuit;

		private final Bulkhead bulkhead;

		private final Duration openFor;

		Guard(CircuitBreaker circuit, Bulkhead bulkhead, Duration openFor) {
			this.circuit = circuit;
			this.bulkhead = bulkhead;
			this.openFor = openFor;
		}

		/**
		 * Waits for a call slot.
		 * @throws NodeFailure retryable, if the breaker is open or the provider is busy
		 */
		void enter() throws NodeFailure {
			if (!this.circuit.tryAcquirePermission()) {
				throw NodeFailure.retryable("provider-unavailable",
						"the provider failed repeatedly; calls pause for " + this.openFor.toSeconds() + " s",
						this.openFor);
			}
			if (!this.bulkhead.tryAcquirePermission()) {
				this.circuit.releasePermission();
				throw NodeFailure.retryable("provider-busy", "too many calls to this provider are in flight", null);
			}
		}

		void succeeded(long nanos) {
			this.bulkhead.onComplete();
			this.circuit.onSuccess(nanos, TimeUnit.NANOSECONDS);
		}

		void failed(long nanos, NodeFailure failure) {
			this.bulkhead.onComplete();
			this.circuit.onError(nanos, TimeUnit.NANOSECONDS, failure);
		}

		int inFlight() {
			return this.bulkhead.getBulkheadConfig().getMaxConcurrentCalls()
					- this.bulkhead.getMetrics().getAvailableConcurrentCalls();
		}

	}

}
