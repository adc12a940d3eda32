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
 * One Resilience4j circuit breaker and one bulkhead per provider: a provider that keeps
 * failing is left alone for a while instead of being hammered by every retry, and one
 * slow provider cannot take every call slot of the worker. Only retryable failures (429,
 * 5xx, timeouts, broken connections) count against the breaker; a refused request is the
 * request's fault, not the provider's.
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

	Guard forProvider(String provider) {
		return this.guards.computeIfAbsent(provider, this::create);
	}

	private Guard create(String provider) {
		EngineProperties.Breaker breaker = this.properties.breaker();
		CircuitBreaker circuit = CircuitBreaker.of(provider,
				CircuitBreakerConfig.custom()
					.failureRateThreshold(breaker.failureRate())
					.slidingWindowSize(breaker.window())
					.minimumNumberOfCalls(breaker.minimumCalls())
					.waitDurationInOpenState(breaker.openFor())
					.permittedNumberOfCallsInHalfOpenState(3)
					.recordException((ex) -> ex instanceof NodeFailure failure && failure.isRetryable())
					.build());
		Bulkhead bulkhead = Bulkhead.of(provider,
				BulkheadConfig.custom()
					.maxConcurrentCalls(this.properties.bulkheadFor(provider))
					.maxWaitDuration(Duration.ofSeconds(10))
					.build());
		Gauge.builder("hb.provider.circuit.open", circuit, (c) -> (c.getState() == CircuitBreaker.State.OPEN) ? 1 : 0)
			.tag("provider", provider)
			.description("1 while the provider's circuit breaker is open")
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

	}

}
