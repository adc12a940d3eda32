package com.hirebuddha.worker.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Engine settings ({@code hb.engine.*}); docs/executions.md explains each.
 *
 * @param maxRuns runs one worker holds at once; more wait in the queue for any worker
 * @param lease how long a run stays a worker's without renewal
 * @param renewEvery how often a worker renews its leases
 * @param sweepEvery how often a worker looks for abandoned, overdue and unannounced runs
 * @param maxClaims how many times a run may be taken over before it is failed as a crash
 * loop
 * @param nodeTimeout default time limit of a node attempt
 * @param maxAttempts default attempts of a node that fails retryably
 * @param backoffBase first retry delay; it doubles with each attempt, with full jitter
 * @param backoffMax longest retry delay; a longer {@code Retry-After} fails the node
 * instead of being retried early
 * @param deltaFlush how long streamed text gathers before it goes out as one
 * {@code text_delta}
 * @param providerConnectTimeout connecting to a provider
 * @param providerResponseTimeout waiting for a provider's first byte
 * @param bulkhead calls in flight per provider, by provider id ({@code default} for the
 * rest)
 * @param breaker the per-provider circuit breaker
 * @param http the {@code http} node's client
 * @param maxNodeOutputBytes most text a node may produce or render, in bytes of escaped
 * UTF-8; it stops there
 * @param maxRunOutputBytes most all of a run's nodes may produce together
 * @param maxConditionSteps most evaluation steps a condition's expression may take
 * @param maxConditionTime longest a condition's expression may run, whatever its
 * {@code timeoutMs}
 */
@ConfigurationProperties("hb.engine")
public record EngineProperties(@DefaultValue("2000") int maxRuns, @DefaultValue("10s") Duration lease,
		@DefaultValue("3s") Duration renewEvery, @DefaultValue("2s") Duration sweepEvery,
		@DefaultValue("5") int maxClaims, @DefaultValue("120s") Duration nodeTimeout,
		@DefaultValue("3") int maxAttempts, @DefaultValue("500ms") Duration backoffBase,
		@DefaultValue("30s") Duration backoffMax, @DefaultValue("50ms") Duration deltaFlush,
		@DefaultValue("5s") Duration providerConnectTimeout, @DefaultValue("60s") Duration providerResponseTimeout,
		@DefaultValue Map<String, Integer> bulkhead, @DefaultValue Breaker breaker, @DefaultValue Http http,
		@DefaultValue("524288") int maxNodeOutputBytes, @DefaultValue("4194304") int maxRunOutputBytes,
		@DefaultValue("100000") int maxConditionSteps, @DefaultValue("1s") Duration maxConditionTime) {

	int bulkheadFor(String provider) {
		Integer limit = this.bulkhead.get(provider);
		if (limit == null) {
			limit = this.bulkhead.get("default");
		}
		return (limit != null) ? limit : 200;
	}

	/**
	 * The circuit breaker of each provider: it opens when this share of recent calls
	 * failed retryably, and lets a few calls through again after the wait.
	 *
	 * @param failureRate percent of the window that opens it
	 * @param window calls it looks back on
	 * @param minimumCalls calls before it judges
	 * @param openFor how long it stays open
	 */
	public record Breaker(@DefaultValue("50") float failureRate, @DefaultValue("20") int window,
			@DefaultValue("10") int minimumCalls, @DefaultValue("30s") Duration openFor) {
	}

	/**
	 * The {@code http} node's outbound client.
	 *
	 * @param maxTimeout longest time limit a node may ask for
	 * @param maxResponseBytes largest response accepted
	 * @param allowedCidrs private ranges an operator explicitly allows (none by default)
	 */
	public record Http(@DefaultValue("30s") Duration maxTimeout, @DefaultValue("1048576") int maxResponseBytes,
			@DefaultValue List<String> allowedCidrs) {
	}

}
