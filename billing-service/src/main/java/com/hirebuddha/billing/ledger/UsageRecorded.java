package com.hirebuddha.billing.ledger;

import java.time.Instant;
import java.util.UUID;

import com.hirebuddha.commons.events.InvalidEventException;
import org.jspecify.annotations.Nullable;

/**
 * The part of {@code hirebuddha.usage.recorded.v1} the ledger reads. Billing's own
 * record, not a shared type: unknown fields are ignored, so producers can grow the event.
 *
 * @param executionId the execution
 * @param nodeId the node
 * @param attempt the node's attempt that made the call
 * @param tenantId the tenant
 * @param partnerId the tenant's partner, if any
 * @param apiKeyId the API key that started the run, if one did
 * @param agentId the agent
 * @param agentVersion its version
 * @param sku {@code provider/model}
 * @param inputTokens input tokens as the provider reported them
 * @param outputTokens output tokens as reported
 * @param embeddingTokens embedding tokens (ingestion), if any
 * @param listCostMicros the catalog's list price, the cost of a SKU without a cost card
 * @param simulated whether the local simulator answered
 * @param occurredAt when the call ended: the moment whose prices apply
 */
record UsageRecorded(@Nullable UUID executionId, @Nullable String nodeId, @Nullable Integer attempt, UUID tenantId,
		@Nullable UUID partnerId, @Nullable UUID apiKeyId, @Nullable UUID agentId, @Nullable Integer agentVersion,
		String sku, long inputTokens, long outputTokens, @Nullable Long embeddingTokens, long listCostMicros,
		boolean simulated, Instant occurredAt) {

	static final String TYPE = "hirebuddha.usage.recorded.v1";

	/**
	 * Refuses an event the ledger cannot price (it goes to the dead-letter topic).
	 * @return this event
	 */
	UsageRecorded checked() {
		if (this.tenantId == null || this.sku == null || this.occurredAt == null) {
			throw new InvalidEventException("usage event lacks tenantId, sku or occurredAt");
		}
		if (this.inputTokens < 0 || this.outputTokens < 0 || embedding() < 0 || this.listCostMicros < 0) {
			throw new InvalidEventException("usage event with negative tokens or cost");
		}
		return this;
	}

	long embedding() {
		return (this.embeddingTokens != null) ? this.embeddingTokens : 0;
	}

}
