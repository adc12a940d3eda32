package com.hirebuddha.ingestion.documents;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.web.ApiException;
import com.hirebuddha.commons.web.PageQuery;
import com.hirebuddha.commons.web.PageView;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /api/v1/knowledge-bases/{id}/documents}: uploads (multipart, field {@code file},
 * one or more; or JSON {@code {name, text}}) answer 202 with the documents at once; the
 * pipeline works on them after. API keys need {@code knowledge:read} or
 * {@code knowledge:write}.
 */
@RestController
@RequestMapping("/api/v1/knowledge-bases/{knowledgeBaseId}/documents")
class DocumentController {

	private static final String READ = "knowledge:read";

	private static final String WRITE = "knowledge:write";

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final Documents documents;

	private final JsonMapper json = JsonMapper.builder().build();

	DocumentController(Documents documents) {
		this.documents = documents;
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<Accepted> upload(@PathVariable UUID knowledgeBaseId, @RequestPart("file") List<MultipartFile> files,
			@RequestParam(name = "metadata", required = false) @Nullable String metadata, Caller caller) {
		UUID tenant = caller.requireTenant(WRITE);
		List<Upload> uploads = files.stream()
			.map((file) -> new Upload((file.getOriginalFilename() != null) ? file.getOriginalFilename() : "document",
					file::getInputStream))
			.toList();
		return accepted(this.documents.accept(tenant, knowledgeBaseId, uploads, metadata(metadata)));
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Accepted> text(@PathVariable UUID knowledgeBaseId, @Valid @RequestBody TextDocument body,
			Caller caller) {
		UUID tenant = caller.requireTenant(WRITE);
		byte[] bytes = body.text().getBytes(java.nio.charset.StandardCharsets.UTF_8);
		Upload upload = new Upload(body.name(), () -> new java.io.ByteArrayInputStream(bytes));
		Map<String, Object> metadata = (body.metadata() != null) ? body.metadata() : Map.of();
		return accepted(this.documents.accept(tenant, knowledgeBaseId, List.of(upload), metadata));
	}

	@GetMapping
	PageView<DocumentView> list(@PathVariable UUID knowledgeBaseId,
			@RequestParam(name = "status", required = false) @Nullable DocumentStatus status, Caller caller,
			PageQuery page) {
		return this.documents.list(caller.requireTenant(READ), knowledgeBaseId, status, page.page(), page.size());
	}

	@GetMapping("/{id}")
	DocumentView get(@PathVariable UUID knowledgeBaseId, @PathVariable UUID id, Caller caller) {
		return this.documents.find(caller.requireTenant(READ), knowledgeBaseId, id);
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable UUID knowledgeBaseId, @PathVariable UUID id, Caller caller) {
		this.documents.delete(caller.requireTenant(WRITE), knowledgeBaseId, id);
	}

	@PostMapping("/{id}/reindex")
	ResponseEntity<DocumentView> reindex(@PathVariable UUID knowledgeBaseId, @PathVariable UUID id, Caller caller) {
		return ResponseEntity.accepted().body(this.documents.reindex(caller.requireTenant(WRITE), knowledgeBaseId, id));
	}

	private Map<String, Object> metadata(@Nullable String metadata) {
		if (metadata == null || metadata.isBlank()) {
			return Map.of();
		}
		try {
			return this.json.readValue(metadata, MAP);
		}
		catch (JacksonException ex) {
			throw ApiException.invalidField("metadata", "must be a JSON object");
		}
	}

	private static ResponseEntity<Accepted> accepted(List<DocumentView> documents) {
		return ResponseEntity.accepted().body(new Accepted(documents));
	}

	/**
	 * What an upload answers.
	 *
	 * @param items the accepted documents, {@code UPLOADED}
	 */
	record Accepted(List<DocumentView> items) {
	}

}
