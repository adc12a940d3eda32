package com.hirebuddha.worker.engine;

import java.time.Instant;
import java.util.UUID;

import com.hirebuddha.commons.events.TenantKeyedEvent;
import com.hirebuddha.commons.events.Topics;
import org.jspecify.annotations.Nullable;

/**
 * The payload of {@code hirebuddha.usage.recorded.v1} on {@code usage.recorded}: one
 * provider call that succeeded, with the tokens the provider reported. Its event id is
 * derived from execution, node and attempt, so a call is recorded once however often the
 * worker retries publishing it (docs/events.md).
 *
 * @param executionId the execution
 * @param nodeId the node
 * @param attempt the node's attempt that made the call
 * @param tenantId the tenant
 * @param partnerId the tenant's partner, if any
 * @param agentId the agent
 * @param agentVersion its pinned version
 * @param provider the provider id
 * @param model the provider's model name
 * @param sku {@code provider/model}, what rate cards price
 * @param inputTokens prompt tokens as reported
 * @param outputTokens completion tokens as reported
 * @param latencyMs how long the call took
 * @param listCostMicros the model catalog's list price of the call
 * @param simulated true for the local simulator
 * @param occurredAt when the call ended
 * @param apiKeyId the API key that started the run, if one did
 */
record UsageRecorded(UUID executionId, String nodeId, int attempt, UUID tenantId, @Nullable UUID partnerId,
		@Nullable UUID agentId, @Nullable Integer agentVersion, String provider, String model, String sku,
		long inputTokens, long outputTokens, long latencyMs, long listCostMicros, boolean simulated, Instant occurredAt,
		@Nullable UUID apiKeyId) implements TenantKeyedEvent {

	static final String TYPE = "hirebuddha.usage.recorded.v1";

	@Override
	public String topic() {
		return Topics.USAGE_RECORDED;
	}

	@Override
	public String type() {
		return TYPE;
	}

}
