package com.hirebuddha.ingestion.knowledgebases;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import com.hirebuddha.commons.web.ApiException;

/**
 * The bodies of create ({@code name} required) and of a partial update (absent fields
 * stay as they are).
 *
 * @param name display name
 * @param description what it holds
 * @param embeddingModel {@link EmbeddingModels the model} its chunks are embedded with;
 * fixed once it holds documents
 * @param chunking how documents are cut into chunks; a change applies to documents
 * uploaded or reindexed after it
 */
public record KnowledgeBaseRequest(@Nullable @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*") String name,
		@Nullable @Size(max = 2000) String description,
		@Nullable @Size(min = 1, max = 200) @Pattern(regexp = EmbeddingModels.PATTERN,
				message = "must be all-minilm-l6-v2-q or all-minilm-l6-v2") String embeddingModel,
		@Nullable @Valid Chunking chunking) {

	/**
	 * Chunking settings.
	 *
	 * @param chunkTokens most tokens in a chunk
	 * @param overlapTokens tokens a chunk repeats from the end of the one before; less
	 * than {@code chunkTokens}
	 */
	public record Chunking(@Min(32) @Max(2048) int chunkTokens, @Min(0) @Max(1024) int overlapTokens) {

		/** What a knowledge base gets unless it says otherwise. */
		public static final Chunking DEFAULT = new Chunking(256, 32);

		void requireConsistent() {
			if (this.overlapTokens >= this.chunkTokens) {
				throw ApiException.invalidField("chunking.overlapTokens", "must be less than chunking.chunkTokens");
			}
		}

	}

}
