package com.hirebuddha.worker.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import com.hirebuddha.worker.knowledge.KnowledgeSearch;
import com.hirebuddha.worker.knowledge.Passage;

import org.springframework.stereotype.Component;

/**
 * {@code retrieval}: searches the tenant's knowledge bases
 * ({@code config.knowledgeBaseIds}, or {@code config.knowledgeBaseId}) for
 * {@code config.query} with its placeholders filled, and outputs the passages found as
 * JSON {@code {query, chunks: [{n, chunkId, documentId, documentName, page, headingPath,
 * content, score}]}}, for the nodes after it ({@code {{nodes.<id>.output}}}).
 * {@code config.topK} (default 5) says how many. The search runs in the run's tenant
 * scope (ADR 0012); a knowledge base removed since the workflow was saved fails the node
 * for good, an unreachable ingestion-service may pass on a retry.
 */
@Component
class RetrievalNode implements NodeExecutor {

	private final KnowledgeSearch knowledge;

	private final JsonMapper json = JsonMapper.builder().build();

	RetrievalNode(KnowledgeSearch knowledge) {
		this.knowledge = knowledge;
	}

	@Override
	public String type() {
		return "retrieval";
	}

	@Override
	public Outcome execute(Context context) throws NodeFailure {
		Map<String, Object> config = context.node().configOrEmpty();
		List<UUID> knowledgeBases = knowledgeBases(config);
		if (knowledgeBases.isEmpty()) {
			throw NodeFailure.permanent("invalid-config", "a retrieval node needs config.knowledgeBaseIds");
		}
		String query = context.render(String.valueOf(config.getOrDefault("query", ""))).strip();
		if (query.isEmpty()) {
			throw NodeFailure.permanent("empty-query", "the retrieval query rendered to nothing");
		}
		int topK = (config.get("topK") instanceof Integer k) ? k : 5;
		List<Passage> passages = search(this.knowledge, context.request().tenantId(), knowledgeBases, query, topK);
		List<Map<String, Object>> chunks = new ArrayList<>();
		for (int i = 0; i < passages.size(); i++) {
			Passage passage = passages.get(i);
			Map<String, Object> chunk = new LinkedHashMap<>();
			chunk.put("n", i + 1);
			chunk.put("chunkId", passage.chunkId().toString());
			chunk.put("documentId", passage.documentId().toString());
			chunk.put("documentName", passage.documentName());
			chunk.put("page", passage.page());
			chunk.put("headingPath", passage.headingPath());
			chunk.put("content", passage.content());
			chunk.put("score", passage.score());
			chunks.add(chunk);
		}
		Map<String, Object> output = new LinkedHashMap<>();
		output.put("query", query);
		output.put("chunks", chunks);
		return Outcome.text(this.json.writeValueAsString(output));
	}

	static List<Passage> search(KnowledgeSearch knowledge, UUID tenantId, List<UUID> knowledgeBases, String query,
			int topK) throws NodeFailure {
		try {
			return knowledge.search(tenantId, knowledgeBases, query, topK);
		}
		catch (KnowledgeSearch.Refused ex) {
			throw NodeFailure.permanent("knowledge-refused", String.valueOf(ex.getMessage()));
		}
		catch (KnowledgeSearch.Unavailable ex) {
			throw NodeFailure.retryable("knowledge-unavailable", String.valueOf(ex.getMessage()), null);
		}
	}

	private static List<UUID> knowledgeBases(Map<String, Object> config) {
		List<Object> named = new ArrayList<>();
		if (config.get("knowledgeBaseIds") instanceof List<?> ids) {
			named.addAll(ids);
		}
		else if (config.get("knowledgeBaseId") != null) {
			named.add(config.get("knowledgeBaseId"));
		}
		List<UUID> ids = new ArrayList<>();
		for (Object id : named) {
			try {
				ids.add(UUID.fromString(String.valueOf(id)));
			}
			catch (IllegalArgumentException ex) {
				return List.of();
			}
		}
		return ids;
	}

}
