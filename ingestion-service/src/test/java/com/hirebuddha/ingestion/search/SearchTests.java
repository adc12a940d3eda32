package com.hirebuddha.ingestion.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.hirebuddha.commons.test.ServiceTest;
import com.hirebuddha.ingestion.KnowledgeClient;
import com.hirebuddha.ingestion.embedding.Embeddings;
import com.hirebuddha.ingestion.embedding.Vectors;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search over real embeddings and PostgreSQL: each mode finds the chunk that answers a
 * known question, full text finds German and Japanese words as written, filters narrow
 * without starving the answer, and another tenant's knowledge base does not exist.
 */
@ServiceTest
class SearchTests {

	private static final Duration READY_IN = Duration.ofSeconds(60);

	private final int port;

	private final JdbcClient jdbc;

	private final Embeddings embeddings;

	SearchTests(@LocalServerPort int port, JdbcClient jdbc, Embeddings embeddings) {
		this.port = port;
		this.jdbc = jdbc;
		this.embeddings = embeddings;
	}

	@Test
	void everyModeFindsTheChunkThatAnswersAndFullTextWorksInAnyLanguage() throws Exception {
		KnowledgeClient tenant = new KnowledgeClient(this.port, UUID.randomUUID());
		String kb = tenant.knowledgeBase("{\"name\":\"Policies\"}");
		String refunds = tenant.uploadOne(kb, "refunds.md",
				"# Refunds\n\nRefunds are paid back to the original card within five business days.".getBytes());
		String shipping = tenant.uploadOne(kb, "shipping.md",
				"# Shipping\n\nParcels leave our warehouse every weekday at noon.".getBytes());
		String german = tenant.uploadOne(kb, "vertrag.txt",
				"Die Kündigungsfrist beträgt drei Monate zum Quartalsende.".getBytes());
		String japanese = tenant.uploadOne(kb, "tokyo.txt", "東京都の人口は約千四百万人です。".getBytes());
		for (String id : List.of(refunds, shipping, german, japanese)) {
			assertThat(tenant.awaitFinished(kb, id, READY_IN).path("status").asString()).isEqualTo("READY");
		}

		for (String mode : List.of("hybrid", "vector", "fulltext")) {
			JsonNode top = search(tenant, kb,
					"{\"query\":\"When are refunds paid back to my card?\",\"topK\":3," + "\"mode\":\"" + mode + "\"}")
				.get(0);
			assertThat(top.path("documentId").asString()).as(mode).isEqualTo(refunds);
			assertThat(top.path("documentName").asString()).isEqualTo("refunds.md");
			assertThat(top.path("headingPath").get(0).asString()).isEqualTo("Refunds");
			assertThat(top.path("content").asString()).contains("five business days");
			assertThat(top.path("endOffset").asInt()).isGreaterThan(top.path("startOffset").asInt());
		}
		assertThat(search(tenant, kb, "{\"query\":\"Kündigungsfrist\",\"mode\":\"fulltext\"}").get(0)
			.path("documentId")
			.asString()).isEqualTo(german);
		JsonNode tokyo = search(tenant, kb, "{\"query\":\"東京\",\"mode\":\"fulltext\"}");
		assertThat(tokyo).hasSize(1);
		assertThat(tokyo.get(0).path("documentId").asString()).isEqualTo(japanese);
		assertThat(search(tenant, kb, "{\"query\":\"人口\",\"mode\":\"fulltext\"}").get(0).path("documentId").asString())
			.isEqualTo(japanese);

		JsonNode onlyShipping = search(tenant, kb,
				"{\"query\":\"refunds\",\"filter\":{\"documentIds\":[\"" + shipping + "\"]}}");
		assertThat(onlyShipping).isNotEmpty();
		onlyShipping.forEach((hit) -> assertThat(hit.path("documentId").asString()).isEqualTo(shipping));
		assertThat(search(tenant, kb, "{\"query\":\"refunds\",\"mode\":\"vector\",\"minScore\":0.99}")).isEmpty();
	}

	@Test
	void metadataFiltersNarrowTheSearch() throws Exception {
		KnowledgeClient tenant = new KnowledgeClient(this.port, UUID.randomUUID());
		String kb = tenant.knowledgeBase("{\"name\":\"Teams\"}");
		String sales = KnowledgeClient.body(tenant.http()
			.post("/api/v1/knowledge-bases/" + kb + "/documents",
					"{\"name\":\"sales.txt\",\"text\":\"Our prices rise in March.\",\"metadata\":{\"team\":\"sales\"}}"),
				202)
			.path("items")
			.get(0)
			.path("id")
			.asString();
		String support = KnowledgeClient.body(tenant.http()
			.post("/api/v1/knowledge-bases/" + kb + "/documents",
					"{\"name\":\"support.txt\",\"text\":\"Our prices are on the website.\",\"metadata\":{\"team\":\"support\"}}"),
				202)
			.path("items")
			.get(0)
			.path("id")
			.asString();
		tenant.awaitFinished(kb, sales, READY_IN);
		tenant.awaitFinished(kb, support, READY_IN);
		JsonNode hits = search(tenant, kb, "{\"query\":\"prices\",\"filter\":{\"metadata\":{\"team\":\"support\"}}}");
		assertThat(hits).hasSize(1);
		assertThat(hits.get(0).path("documentId").asString()).isEqualTo(support);
	}

	@Test
	void aFilterThatKeepsOnePercentStillGetsItsFullTopK() throws Exception {
		// another tenant's 2,000 chunks lie nearer the query than all of this tenant's
		// 20:
		// an index scan that filters after it stops would find none of them
		UUID crowd = UUID.randomUUID();
		UUID few = UUID.randomUUID();
		UUID crowdKb = knowledgeBase(crowd);
		UUID fewKb = knowledgeBase(few);
		float[] query = this.embeddings.embed("all-minilm-l6-v2-q", List.of("the quarterly revenue report"))
			.vectors()
			.get(0);
		Random random = new Random(42);
		insertChunks(crowd, crowdKb, query, 2000, 0.05f, random);
		insertChunks(few, fewKb, query, 20, 0.6f, random);
		try {
			assertFullTopK(few, fewKb, query);
		}
		finally {
			this.jdbc.sql("delete from knowledge_base where id in (:ids)")
				.param("ids", List.of(crowdKb, fewKb))
				.update();
		}
	}

	private void assertFullTopK(UUID few, UUID fewKb, float[] query) throws Exception {
		KnowledgeClient tenant = new KnowledgeClient(this.port, few);
		JsonNode hits = search(tenant, fewKb.toString(),
				"{\"query\":\"the quarterly revenue report\",\"mode\":\"vector\",\"topK\":10}");
		assertThat(hits).hasSize(10);
		List<String> exact = this.jdbc.sql("""
				select id::text from chunk where tenant_id = :t
				order by embedding <=> cast(:q as vector) limit 10""")
			.param("t", few)
			.param("q", Vectors.literal(query))
			.query(String.class)
			.list();
		List<String> found = new ArrayList<>();
		hits.forEach((hit) -> found.add(hit.path("chunkId").asString()));
		assertThat(found).as("recall@10 against an exact scan of the tenant's own chunks")
			.containsExactlyInAnyOrderElementsOf(exact);
	}

	@Test
	void anotherTenantsKnowledgeBaseDoesNotExist() throws Exception {
		KnowledgeClient mine = new KnowledgeClient(this.port, UUID.randomUUID());
		KnowledgeClient theirs = new KnowledgeClient(this.port, UUID.randomUUID());
		String kb = mine.knowledgeBase("{\"name\":\"Private\"}");
		assertThat(theirs.http().post("/api/v1/knowledge-bases/" + kb + "/search", "{\"query\":\"x\"}").statusCode())
			.isEqualTo(404);
		assertThat(mine.http().post("/api/v1/knowledge-bases/" + kb + "/search", "{\"query\":\"\"}").statusCode())
			.isEqualTo(400);
		assertThat(mine.http()
			.post("/api/v1/knowledge-bases/" + kb + "/search", "{\"query\":\"x\",\"mode\":\"telepathy\"}")
			.statusCode()).isEqualTo(400);
	}

	private JsonNode search(KnowledgeClient tenant, String kb, String body) throws Exception {
		return KnowledgeClient.body(tenant.http().post("/api/v1/knowledge-bases/" + kb + "/search", body), 200)
			.path("items");
	}

	private UUID knowledgeBase(UUID tenant) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into knowledge_base (id, tenant_id, name, embedding_model, chunk_tokens, overlap_tokens,
				                            created_at, updated_at)
				values (:id, :t, 'Synthetic', 'all-minilm-l6-v2-q', 256, 32, now(), now())""")
			.param("id", id)
			.param("t", tenant)
			.update();
		return id;
	}

	// chunks whose vectors lie around the query, spread by noise
	private void insertChunks(UUID tenant, UUID kb, float[] query, int count, float noise, Random random) {
		UUID document = UUID.randomUUID();
		this.jdbc
			.sql("""
					insert into document (id, tenant_id, knowledge_base_id, name, media_type, size_bytes, sha256, blob_key,
					                      status, next_attempt_at, created_at, updated_at, ready_at)
					values (:id, :t, :kb, 'synthetic.txt', 'text/plain', 1, 'x', :key, 'READY', now(), now(), now(), now())""")
			.param("id", document)
			.param("t", tenant)
			.param("kb", kb)
			.param("key", "tenants/" + tenant + "/documents/" + document)
			.update();
		String[] vectors = new String[count];
		for (int i = 0; i < count; i++) {
			float[] vector = query.clone();
			for (int d = 0; d < vector.length; d++) {
				vector[d] += (float) (random.nextGaussian() * noise / Math.sqrt(vector.length));
			}
			vectors[i] = Vectors.literal(vector);
		}
		this.jdbc.sql("""
				insert into chunk (id, tenant_id, knowledge_base_id, document_id, content_key, ordinal, content,
				                   start_offset, end_offset, token_count, embedding, lexemes, created_at)
				select gen_random_uuid(), :t, :kb, :d, 'k' || o, o, 'synthetic ' || o, 0, 1, 1, cast(v as vector),
				       to_tsvector('simple', ''), now()
				from unnest(:vectors::text[]) with ordinality as u(v, o)""")
			.param("t", tenant)
			.param("kb", kb)
			.param("d", document)
			.param("vectors", vectors)
			.update();
	}

}
