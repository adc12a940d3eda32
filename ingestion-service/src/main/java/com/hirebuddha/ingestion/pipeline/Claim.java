package com.hirebuddha.ingestion.pipeline;

import java.util.UUID;

import com.hirebuddha.ingestion.documents.DocumentStatus;
import org.jspecify.annotations.Nullable;

/**
 * A document this instance holds the lease of, with what its knowledge base says of how
 * to index it.
 *
 * @param documentId the document
 * @param tenantId its tenant
 * @param knowledgeBaseId its knowledge base
 * @param name its name
 * @param mediaType its type
 * @param blobKey its original
 * @param status the stage it was in when claimed (where a retry resumes)
 * @param attempts this claim's number
 * @param lastFailure what the previous attempt failed with, if it did
 * @param embeddingModel the knowledge base's model
 * @param chunkTokens its chunk size
 * @param overlapTokens its overlap
 */
record Claim(UUID documentId, UUID tenantId, UUID knowledgeBaseId, String name, String mediaType, String blobKey,
		DocumentStatus status, int attempts, @Nullable String lastFailure, String embeddingModel, int chunkTokens,
		int overlapTokens) {
}
