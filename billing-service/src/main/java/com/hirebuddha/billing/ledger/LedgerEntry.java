package com.hirebuddha.billing.ledger;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One ledger row as shown: a priced provider call ({@code USAGE}) or a correction
 * ({@code REVERSAL}, the negated amounts of the row it reverses). Money in micro-units.
 *
 * @param id the row's position in the ledger
 * @param eventId the usage event it prices (derived, for a reversal)
 * @param kind {@code USAGE} or {@code REVERSAL}
 * @param reverses the row a reversal reverses
 * @param tenantId the tenant
 * @param partnerId the tenant's partner
 * @param apiKeyId the API key that started the run, if one did
 * @param executionId the execution
 * @param nodeId the node
 * @param attempt the node's attempt
 * @param agentId the agent
 * @param agentVersion its version
 * @param sku the model SKU
 * @param inputTokens input tokens
 * @param outputTokens output tokens
 * @param embeddingTokens embedding tokens
 * @param costMicros the platform's cost (absent for tenants)
 * @param priceMicros the tenant's price
 * @param commissionMicros the partner's commission (absent for tenants)
 * @param currency ISO 4217 code
 * @param costCard the cost card version applied
 * @param priceCard the price card version applied
 * @param commissionCard the commission card version applied
 * @param simulated whether the simulator answered
 * @param reason a reversal's reason
 * @param occurredAt when the call ended (whose prices apply)
 * @param recordedAt when the row was written
 */
public record LedgerEntry(long id, UUID eventId, String kind, @Nullable Long reverses, UUID tenantId,
		@Nullable UUID partnerId, @Nullable UUID apiKeyId, @Nullable UUID executionId, @Nullable String nodeId,
		@Nullable Integer attempt, @Nullable UUID agentId, @Nullable Integer agentVersion, String sku, long inputTokens,
		long outputTokens, long embeddingTokens, @Nullable Long costMicros, long priceMicros,
		@Nullable Long commissionMicros, String currency, @Nullable Long costCard, @Nullable Long priceCard,
		@Nullable Long commissionCard, boolean simulated, @Nullable String reason, Instant occurredAt,
		Instant recordedAt) {
}
