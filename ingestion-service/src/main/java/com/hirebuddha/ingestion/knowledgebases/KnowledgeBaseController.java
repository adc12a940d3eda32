package com.hirebuddha.ingestion.knowledgebases;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.web.ApiException;
import com.hirebuddha.commons.web.PageQuery;
import com.hirebuddha.commons.web.PageView;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/knowledge-bases}: a tenant's knowledge bases; API keys need
 * {@code knowledge:read} or {@code knowledge:write}. Another tenant's answers 404.
 */
@RestController
class KnowledgeBaseController {

	static final String READ = "knowledge:read";

	static final String WRITE = "knowledge:write";

	private static final String BASE = "/api/v1/knowledge-bases";

	private final KnowledgeBases knowledgeBases;

	KnowledgeBaseController(KnowledgeBases knowledgeBases) {
		this.knowledgeBases = knowledgeBases;
	}

	@PostMapping(BASE)
	ResponseEntity<KnowledgeBaseView> create(@Valid @RequestBody KnowledgeBaseRequest request, Caller caller) {
		KnowledgeBaseView created = this.knowledgeBases.create(caller.requireTenant(WRITE), request);
		return ResponseEntity.created(URI.create(BASE + "/" + created.id())).body(created);
	}

	@GetMapping(BASE)
	PageView<KnowledgeBaseView> list(Caller caller, PageQuery page) {
		return this.knowledgeBases.list(caller.requireTenant(READ), page.page(), page.size());
	}

	@GetMapping(BASE + "/{id}")
	KnowledgeBaseView get(@PathVariable UUID id, Caller caller) {
		return this.knowledgeBases.find(caller.requireTenant(READ), id)
			.orElseThrow(() -> ApiException.notFound("knowledge base", id));
	}

	@PatchMapping(BASE + "/{id}")
	KnowledgeBaseView update(@PathVariable UUID id, @Valid @RequestBody KnowledgeBaseRequest request, Caller caller) {
		return this.knowledgeBases.update(caller.requireTenant(WRITE), id, request);
	}

	@DeleteMapping(BASE + "/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable UUID id, Caller caller) {
		this.knowledgeBases.delete(caller.requireTenant(WRITE), id);
	}

	/**
	 * Not routed by the gateway: orchestration asks, with its caller's token, which of
	 * the knowledge bases an agent or a workflow names the caller's tenant does not have
	 * (they answer 404 there, as here).
	 * @param request the ids
	 * @param caller the caller
	 * @return the ones the tenant lacks
	 */
	@PostMapping("/internal/v1/knowledge-bases/unknown")
	Unknown unknown(@Valid @RequestBody Ids request, Caller caller) {
		UUID tenant = caller.requireTenant(READ, "agents:write", "workflows:write");
		List<UUID> known = this.knowledgeBases.known(tenant, request.ids());
		return new Unknown(request.ids().stream().filter((id) -> !known.contains(id)).distinct().toList());
	}

	/**
	 * Knowledge base ids.
	 *
	 * @param ids the ids
	 */
	record Ids(@NotEmpty @Size(max = 100) List<UUID> ids) {
	}

	/**
	 * The ids a tenant lacks.
	 *
	 * @param unknown those ids
	 */
	record Unknown(List<UUID> unknown) {
	}

}
