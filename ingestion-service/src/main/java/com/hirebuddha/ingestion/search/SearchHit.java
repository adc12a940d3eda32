package com.hirebuddha.ingestion.search;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One chunk a search found, with where it comes from.
 *
 * @param chunkId the chunk
 * @param documentId its document
 * @param documentName the document's name
 * @param knowledgeBaseId its knowledge base
 * @param score the mode's score: RRF for {@code hybrid}, cosine similarity for
 * {@code vector}, rank for {@code fulltext}; higher is better
 * @param similarity its cosine similarity to the query, if it has a vector
 * @param content the chunk's text
 * @param page the 1-based page it begins on, if the document has pages
 * @param headingPath the headings above it
 * @param startOffset where it begins in the document's extracted text
 * @param endOffset where it ends
 * @param ordinal its place in the document
 */
public record SearchHit(UUID chunkId, UUID documentId, String documentName, UUID knowledgeBaseId, double score,
		@Nullable Double similarity, String content, @Nullable Integer page, List<String> headingPath, int startOffset,
		int endOffset, int ordinal) {
}
