package com.hirebuddha.ingestion.search;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The body of a search.
 *
 * @param query what to look for
 * @param topK how many chunks to return (default 5)
 * @param mode {@code hybrid} (the default), {@code vector} or {@code fulltext}
 * @param filter which chunks may be returned
 * @param minScore the least similarity a hit may have ({@code vector}, {@code hybrid}:
 * cosine similarity; {@code fulltext}: rank)
 */
public record SearchRequest(@NotBlank @Size(max = 4000) String query, @Nullable @Min(1) @Max(50) Integer topK,
		@Nullable Mode mode, @Nullable @Valid Filter filter,
		@Nullable @DecimalMin("-1.0") @DecimalMax("1.0") Double minScore) {

	/**
	 * How chunks are found.
	 */
	public enum Mode {

		/** Both, fused by Reciprocal Rank Fusion. */
		hybrid,

		/** Nearest embeddings (cosine). */
		vector,

		/** Matching words. */
		fulltext

	}

	/**
	 * Which chunks a search may return.
	 *
	 * @param documentIds only these documents
	 * @param metadata only documents whose metadata holds all of these
	 */
	public record Filter(@Nullable @Size(max = 100) List<UUID> documentIds,
			@Nullable @Size(max = 20) Map<String, Object> metadata) {
	}

	int k() {
		return (this.topK != null) ? this.topK : 5;
	}

	Mode modeOrDefault() {
		return (this.mode != null) ? this.mode : Mode.hybrid;
	}

}
