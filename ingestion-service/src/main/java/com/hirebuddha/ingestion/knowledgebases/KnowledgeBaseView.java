package com.hirebuddha.ingestion.knowledgebases;

import java.time.Instant;
import java.util.UUID;

import com.hirebuddha.ingestion.knowledgebases.KnowledgeBaseRequest.Chunking;

/**
 * A knowledge base as the API shows it.
 *
 * @param id its id
 * @param name display name
 * @param description what it holds
 * @param embeddingModel the model its chunks are embedded with
 * @param chunking how its documents are cut
 * @param documents how many documents it holds
 * @param readyDocuments how many of them are searchable
 * @param chunks how many chunks it holds
 * @param bytes the size of its originals
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record KnowledgeBaseView(UUID id, String name, String description, String embeddingModel, Chunking chunking,
		long documents, long readyDocuments, long chunks, long bytes, Instant createdAt, Instant updatedAt) {
}
