package com.hirebuddha.worker.knowledge;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A chunk a search found, as a run uses it.
 *
 * @param chunkId the chunk
 * @param documentId its document
 * @param documentName the document's name
 * @param page the page it begins on, if the document has pages
 * @param headingPath the headings above it
 * @param content its text
 * @param score the search's score
 */
public record Passage(UUID chunkId, UUID documentId, String documentName, @Nullable Integer page,
		List<String> headingPath, String content, double score) {
}
