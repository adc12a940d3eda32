package com.hirebuddha.ingestion.documents;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A document as the API shows it.
 *
 * @param id its id
 * @param knowledgeBaseId its knowledge base
 * @param name the name it was uploaded with
 * @param mediaType its type, from its content
 * @param sizeBytes the size of the original
 * @param sha256 the original's SHA-256, hex
 * @param status where it is in the pipeline
 * @param failureReason why it failed, for {@code FAILED}; the last attempt's error while
 * it is retried
 * @param progress how far the current stage is
 * @param pages its pages (PDF, PPTX), once extracted
 * @param chunks its chunks, once cut
 * @param embeddingTokens the tokens its embeddings cost
 * @param attempts how often the pipeline has taken it up
 * @param metadata what the uploader attached, for search filters
 * @param createdAt when it was uploaded
 * @param updatedAt when it last changed
 * @param readyAt when it became searchable
 */
public record DocumentView(UUID id, UUID knowledgeBaseId, String name, String mediaType, long sizeBytes, String sha256,
		DocumentStatus status, @Nullable String failureReason, Progress progress, @Nullable Integer pages, int chunks,
		long embeddingTokens, int attempts, Map<String, Object> metadata, Instant createdAt, Instant updatedAt,
		@Nullable Instant readyAt) {

	/**
	 * How far a stage is.
	 *
	 * @param done units done
	 * @param total units in all (0 while unknown)
	 * @param unit {@code pages} or {@code chunks}
	 */
	public record Progress(int done, int total, String unit) {
	}

}
