package com.hirebuddha.ingestion.search;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import com.hirebuddha.commons.events.EventPublisher;
import com.hirebuddha.commons.jdbc.Rows;
import com.hirebuddha.commons.web.ApiException;
import com.hirebuddha.ingestion.embedding.EmbeddingUsage;
import com.hirebuddha.ingestion.embedding.Embeddings;
import com.hirebuddha.ingestion.embedding.Vectors;
import com.hirebuddha.ingestion.knowledgebases.KnowledgeBaseView;
import com.hirebuddha.ingestion.knowledgebases.KnowledgeBases;
import com.hirebuddha.ingestion.search.SearchRequest.Filter;
import com.hirebuddha.ingestion.search.SearchRequest.Mode;
import com.hirebuddha.ingestion.tenants.TenantProfiles;
import com.hirebuddha.ingestion.text.Lexemes;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds a tenant's chunks for a query. Vector search asks pgvector's HNSW index with
 * iterative scans on ({@code relaxed_order}), so a filter that keeps 1 % of the chunks
 * still gets its {@code topK}: the scan goes on until enough rows pass (or
 * {@code hnsw.max_scan_tuples}), and the few found out of order are sorted again here.
 * Full text matches {@link com.hirebuddha.ingestion.text.Lexemes}, ranked by
 * {@code ts_rank_cd}. Hybrid takes a deeper list from each and fuses them by Reciprocal
 * Rank Fusion ({@code 1 / (60 + rank)} summed), which needs no score calibration between
 * the two.
 */
@Service
public class Search {

	static final int RRF_K = 60;

	// which chunks a search may see: the tenant's, in the named knowledge bases, narrowed
	// by
	// document and metadata inside the scan (both modes use it)
	private static final String FILTER = """
			c.tenant_id = :tenant and c.knowledge_base_id in (:kbs)
			and (:documents::uuid[] is null or c.document_id = any(:documents::uuid[]))
			and (:metadata::jsonb is null
			     or c.document_id in (select d.id from document d
			                          where d.tenant_id = :tenant and d.metadata @> :metadata::jsonb))""";

	private static final String DETAILS = """
			select c.id, c.document_id, d.name as document_name, c.knowledge_base_id, c.content, c.page, c.heading_path,
			       c.start_offset, c.end_offset, c.ordinal,
			       case when c.embedding is null or :query::text is null then null
			            else 1 - (c.embedding <=> cast(:query as vector)) end as similarity
			from chunk c join document d on d.id = c.document_id
			where c.id in (:ids) and c.tenant_id = :tenant
			""";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Embeddings embeddings;

	private final KnowledgeBases knowledgeBases;

	private final TenantProfiles tenants;

	private final EventPublisher events;

	private final SearchProperties properties;

	private final JsonMapper json = JsonMapper.builder().build();

	private final Clock clock = Clock.systemUTC();

	Search(JdbcClient jdbc, TransactionTemplate transactions, Embeddings embeddings, KnowledgeBases knowledgeBases,
			TenantProfiles tenants, EventPublisher events, SearchProperties properties) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.embeddings = embeddings;
		this.knowledgeBases = knowledgeBases;
		this.tenants = tenants;
		this.events = events;
		this.properties = properties;
	}

	/**
	 * Searches knowledge bases of one tenant.
	 * @param tenantId the caller's tenant
	 * @param knowledgeBaseIds the knowledge bases (all of them the tenant's, and all with
	 * the same embedding model)
	 * @param request the search
	 * @return the hits, best first
	 * @throws ApiException 404 if the tenant lacks one of the knowledge bases
	 */
	public List<SearchHit> search(UUID tenantId, List<UUID> knowledgeBaseIds, SearchRequest request) {
		List<KnowledgeBaseView> bases = new ArrayList<>();
		for (UUID id : knowledgeBaseIds) {
			bases.add(this.knowledgeBases.find(tenantId, id)
				.orElseThrow(() -> ApiException.notFound("knowledge base", id)));
		}
		String model = bases.get(0).embeddingModel();
		if (bases.stream().anyMatch((base) -> !base.embeddingModel().equals(model))) {
			throw ApiException.invalid("mixed-embedding-models",
					"These knowledge bases embed with different models and cannot be searched as one.");
		}
		Mode mode = request.modeOrDefault();
		Filter filter = (request.filter() != null) ? request.filter() : new Filter(null, null);
		String metadata = (filter.metadata() != null && !filter.metadata().isEmpty())
				? this.json.writeValueAsString(filter.metadata()) : null;
		List<UUID> documents = (filter.documentIds() != null && !filter.documentIds().isEmpty()) ? filter.documentIds()
				: null;
		int k = request.k();
		int depth = (mode == Mode.hybrid) ? Math.max(k * 4, 20) : k;
		String query = (mode != Mode.fulltext) ? embedQuery(tenantId, knowledgeBaseIds.get(0), model, request.query())
				: null;
		List<SearchHit> hits = Objects.requireNonNull(this.transactions.execute((tx) -> {
			Map<UUID, Double> scores = new LinkedHashMap<>();
			if (mode == Mode.vector) {
				scores
					.putAll(vector(tenantId, knowledgeBaseIds, Objects.requireNonNull(query), documents, metadata, k));
			}
			else if (mode == Mode.fulltext) {
				scores.putAll(fulltext(tenantId, knowledgeBaseIds, request.query(), documents, metadata, k));
			}
			else {
				fuse(scores,
						vector(tenantId, knowledgeBaseIds, Objects.requireNonNull(query), documents, metadata, depth));
				fuse(scores, fulltext(tenantId, knowledgeBaseIds, request.query(), documents, metadata, depth));
			}
			return details(tenantId, scores, query);
		}));
		Double minScore = request.minScore();
		return hits.stream()
			.filter((hit) -> minScore == null || passes(hit, mode, minScore))
			.sorted(Comparator.comparingDouble(SearchHit::score).reversed())
			.limit(k)
			.toList();
	}

	private static boolean passes(SearchHit hit, Mode mode, double minScore) {
		if (mode == Mode.fulltext) {
			return hit.score() >= minScore;
		}
		return hit.similarity() != null && hit.similarity() >= minScore;
	}

	private String embedQuery(UUID tenantId, UUID knowledgeBaseId, String model, String text) {
		long started = System.nanoTime();
		Embeddings.Embedded embedded = this.embeddings.embed(model, List.of(text));
		long latencyMs = (System.nanoTime() - started) / 1_000_000;
		UUID partner = this.tenants.partner(tenantId).orElse(null);
		this.transactions.executeWithoutResult((tx) -> this.events.publish(EmbeddingUsage.of(tenantId, partner,
				knowledgeBaseId, null, model, embedded.tokens(), 1, latencyMs, this.clock.instant())));
		return Vectors.literal(embedded.vectors().get(0));
	}

	// chunk -> cosine similarity, nearest first
	private Map<UUID, Double> vector(UUID tenantId, Collection<UUID> knowledgeBases, String query,
			@Nullable List<UUID> documents, @Nullable String metadata, int limit) {
		this.jdbc
			.sql("select set_config('hnsw.iterative_scan', 'relaxed_order', true), "
					+ "set_config('hnsw.ef_search', :ef, true), set_config('hnsw.max_scan_tuples', :scan, true)")
			.param("ef", Integer.toString(Math.max(this.properties.efSearch(), limit)))
			.param("scan", Integer.toString(this.properties.maxScanTuples()))
			.query((rs, row) -> 1)
			.list();
		return ranked("""
				with nearest as materialized (
				    select c.id, c.embedding <=> cast(:query as vector) as distance
				    from chunk c
				    where c.embedding is not null and %s
				    order by distance
				    limit :limit)
				select id, 1 - distance as score from nearest order by distance
				""".formatted(FILTER), query, tenantId, knowledgeBases, documents, metadata, limit);
	}

	// chunk -> rank, best first
	private Map<UUID, Double> fulltext(UUID tenantId, Collection<UUID> knowledgeBases, String text,
			@Nullable List<UUID> documents, @Nullable String metadata, int limit) {
		String query = Lexemes.query(text);
		if (query.isEmpty()) {
			return Map.of();
		}
		return ranked("""
				select c.id, ts_rank_cd(c.lexemes, q) as score
				from chunk c, to_tsquery('simple', :query) q
				where c.lexemes @@ q and %s
				order by score desc, c.id
				limit :limit
				""".formatted(FILTER), query, tenantId, knowledgeBases, documents, metadata, limit);
	}

	// runs one mode's query with the filter's parameters: chunk -> score, in the query's
	// order
	private Map<UUID, Double> ranked(String sql, String query, UUID tenantId, Collection<UUID> knowledgeBases,
			@Nullable List<UUID> documents, @Nullable String metadata, int limit) {
		List<Scored> rows = Rows.present(this.jdbc.sql(sql)
			.param("query", query)
			.param("tenant", tenantId)
			.param("kbs", knowledgeBases)
			.param("documents", (documents != null) ? documents.toArray(UUID[]::new) : null)
			.param("metadata", metadata)
			.param("limit", limit)
			.query(Scored.class)
			.list());
		Map<UUID, Double> scores = new LinkedHashMap<>();
		rows.forEach((hit) -> scores.put(hit.id(), hit.score()));
		return scores;
	}

	// adds one ranked list's Reciprocal Rank Fusion shares
	private static void fuse(Map<UUID, Double> fused, Map<UUID, Double> ranked) {
		int rank = 1;
		for (UUID id : ranked.keySet()) {
			fused.merge(id, 1.0 / (RRF_K + rank), Double::sum);
			rank++;
		}
	}

	private List<SearchHit> details(UUID tenantId, Map<UUID, Double> scores, @Nullable String query) {
		if (scores.isEmpty()) {
			return List.of();
		}
		Map<UUID, SearchHit> found = new HashMap<>();
		this.jdbc.sql(DETAILS)
			.param("ids", scores.keySet())
			.param("tenant", tenantId)
			.param("query", query)
			.query((rs, row) -> hit(rs, scores))
			.list()
			.forEach((hit) -> found.put(hit.chunkId(), hit));
		return scores.keySet().stream().map(found::get).filter(Objects::nonNull).toList();
	}

	private static SearchHit hit(ResultSet rs, Map<UUID, Double> scores) throws SQLException {
		UUID id = rs.getObject("id", UUID.class);
		double similarity = rs.getDouble("similarity");
		Double similarityOrNull = rs.wasNull() ? null : similarity;
		int page = rs.getInt("page");
		Integer pageOrNull = rs.wasNull() ? null : page;
		Array path = rs.getArray("heading_path");
		List<String> headingPath = (path != null) ? List.of((String[]) path.getArray()) : List.of();
		return new SearchHit(id, rs.getObject("document_id", UUID.class), rs.getString("document_name"),
				rs.getObject("knowledge_base_id", UUID.class), Objects.requireNonNull(scores.get(id)), similarityOrNull,
				rs.getString("content"), pageOrNull, headingPath, rs.getInt("start_offset"), rs.getInt("end_offset"),
				rs.getInt("ordinal"));
	}

	record Scored(UUID id, double score) {
	}

}
