package com.hirebuddha.ingestion.search;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import com.hirebuddha.commons.security.Caller;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/knowledge-bases/{id}/search}: scored chunks with where they come
 * from. API keys need {@code knowledge:read}.
 */
@RestController
@EnableConfigurationProperties(SearchProperties.class)
class SearchController {

	private final Search search;

	SearchController(Search search) {
		this.search = search;
	}

	@PostMapping("/api/v1/knowledge-bases/{id}/search")
	Results search(@PathVariable UUID id, @Valid @RequestBody SearchRequest request, Caller caller) {
		return new Results(this.search.search(caller.requireTenant("knowledge:read"), List.of(id), request));
	}

	/**
	 * Not routed by the gateway: the worker's retrieval for a run, over all of an agent's
	 * or a node's knowledge bases at once, with a service token that stands for the run's
	 * tenant (ADR 0012).
	 * @param request the knowledge bases and the search
	 * @param caller the run's tenant
	 * @return the hits, best first
	 */
	@PostMapping("/internal/v1/search")
	Results searchMany(@Valid @RequestBody ManySearch request, Caller caller) {
		return new Results(this.search.search(caller.requireTenant("knowledge:read"), request.knowledgeBaseIds(),
				request.search()));
	}

	/**
	 * A search over several knowledge bases.
	 *
	 * @param knowledgeBaseIds where to search
	 * @param query what to look for
	 * @param topK how many chunks
	 * @param mode how
	 * @param minScore the least similarity
	 */
	record ManySearch(@NotEmpty @Size(max = 20) List<UUID> knowledgeBaseIds, @NotBlank @Size(max = 4000) String query,
			@Nullable @Min(1) @Max(50) Integer topK, SearchRequest.@Nullable Mode mode,
			@Nullable @DecimalMin("-1.0") @DecimalMax("1.0") Double minScore) {

		SearchRequest search() {
			return new SearchRequest(this.query, this.topK, this.mode, null, this.minScore);
		}

	}

	/**
	 * What a search answers.
	 *
	 * @param items the hits, best first
	 */
	record Results(List<SearchHit> items) {
	}

}
