package com.hirebuddha.ingestion.embedding;

import java.time.Instant;
import java.util.UUID;

import com.hirebuddha.commons.events.TenantKeyedEvent;
import com.hirebuddha.commons.events.Topics;
import org.jspecify.annotations.Nullable;

/**
 * The payload of {@code hirebuddha.usage.recorded.v1} on {@code usage.recorded} for one
 * embedding call: billing prices its {@code embeddingTokens} by the SKU's rate card like
 * any model call. Published in the transaction that stores the vectors, so a batch is
 * recorded exactly when its chunks are embedded (a retry finds them embedded and embeds,
 * and records, nothing).
 *
 * @param tenantId the tenant
 * @param partnerId its partner, if any
 * @param knowledgeBaseId the knowledge base
 * @param documentId the document, or null for a search query
 * @param sku {@code local/<model>}
 * @param inputTokens always 0: embedding tokens are their own count
 * @param outputTokens always 0
 * @param embeddingTokens the tokens embedded
 * @param chunks the texts embedded
 * @param latencyMs how long the call took
 * @param listCostMicros 0: the rate card prices it
 * @param simulated false: the model really ran
 * @param occurredAt when the call ended
 */
public record EmbeddingUsage(UUID tenantId, @Nullable UUID partnerId, UUID knowledgeBaseId, @Nullable UUID documentId,
		String sku, long inputTokens, long outputTokens, long embeddingTokens, int chunks, long latencyMs,
		long listCostMicros, boolean simulated, Instant occurredAt) implements TenantKeyedEvent {

	/** The event type, the same as every model call's. */
	public static final String TYPE = "hirebuddha.usage.recorded.v1";

	/**
	 * The usage of one call of an in-process model.
	 * @param tenantId the tenant
	 * @param partnerId its partner
	 * @param knowledgeBaseId the knowledge base
	 * @param documentId the document, null for a query
	 * @param model the model
	 * @param tokens the tokens embedded
	 * @param chunks the texts embedded
	 * @param latencyMs the call's duration
	 * @param at when it ended
	 * @return the usage
	 */
	public static EmbeddingUsage of(UUID tenantId, @Nullable UUID partnerId, UUID knowledgeBaseId,
			@Nullable UUID documentId, String model, long tokens, int chunks, long latencyMs, Instant at) {
		return new EmbeddingUsage(tenantId, partnerId, knowledgeBaseId, documentId, sku(model), 0, 0, tokens, chunks,
				latencyMs, 0, false, at);
	}

	/**
	 * The SKU rate cards price a model's embeddings by.
	 * @param model the model
	 * @return {@code local/<model>}
	 */
	public static String sku(String model) {
		return "local/" + model;
	}

	@Override
	public String topic() {
		return Topics.USAGE_RECORDED;
	}

	@Override
	public String type() {
		return TYPE;
	}

}
