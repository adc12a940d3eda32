package com.hirebuddha.ingestion.knowledgebases;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.hirebuddha.blobstore.BlobKey;
import com.hirebuddha.blobstore.BlobStore;
import com.hirebuddha.commons.test.ServiceTest;
import com.hirebuddha.ingestion.KnowledgeClient;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.hirebuddha.ingestion.KnowledgeClient.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Knowledge bases and their documents over HTTP: created with defaults, changed in part,
 * refused when wrong, invisible to other tenants, and deleted with everything they hold.
 */
@ServiceTest
class KnowledgeBaseTests {

	private final int port;

	private final JdbcClient jdbc;

	private final BlobStore blobs;

	KnowledgeBaseTests(@LocalServerPort int port, JdbcClient jdbc, BlobStore blobs) {
		this.port = port;
		this.jdbc = jdbc;
		this.blobs = blobs;
	}

	@Test
	void aKnowledgeBaseIsCreatedWithDefaultsAndChangedInPart() throws Exception {
		KnowledgeClient tenant = new KnowledgeClient(this.port, UUID.randomUUID());
		JsonNode created = body(tenant.http().post("/api/v1/knowledge-bases", "{\"name\":\" Handbook \"}"), 201);
		assertThat(created.path("name").asString()).isEqualTo("Handbook");
		assertThat(created.path("embeddingModel").asString()).isEqualTo("all-minilm-l6-v2-q");
		assertThat(created.path("chunking").path("chunkTokens").asInt()).isEqualTo(256);
		assertThat(created.path("chunking").path("overlapTokens").asInt()).isEqualTo(32);
		String id = created.path("id").asString();

		JsonNode patched = body(tenant.http()
			.send("PATCH", "/api/v1/knowledge-bases/" + id,
					"{\"description\":\"How we work\",\"chunking\":{\"chunkTokens\":128,\"overlapTokens\":16}}"),
				200);
		assertThat(patched.path("name").asString()).isEqualTo("Handbook");
		assertThat(patched.path("description").asString()).isEqualTo("How we work");
		assertThat(patched.path("chunking").path("chunkTokens").asInt()).isEqualTo(128);
		assertThat(body(tenant.http().get("/api/v1/knowledge-bases"), 200).path("total").asInt()).isEqualTo(1);

		String doc = tenant.uploadOne(id, "a.txt", "Some text.".getBytes());
		tenant.awaitFinished(id, doc, Duration.ofSeconds(60));
		JsonNode fixed = body(tenant.http()
			.send("PATCH", "/api/v1/knowledge-bases/" + id, "{\"embeddingModel\":\"all-minilm-l6-v2\"}"), 409);
		assertThat(fixed.path("type").asString()).endsWith("/embedding-model-fixed");
	}

	@Test
	void badKnowledgeBasesAreRefusedAndCreateNothing() throws Exception {
		UUID tenantId = UUID.randomUUID();
		KnowledgeClient tenant = new KnowledgeClient(this.port, tenantId);
		for (String bad : List.of("{}", "{\"name\":\"   \"}", "{\"name\":\"x\",\"embeddingModel\":\"gpt-9\"}",
				"{\"name\":\"x\",\"chunking\":{\"chunkTokens\":64,\"overlapTokens\":64}}",
				"{\"name\":\"x\",\"chunking\":{\"chunkTokens\":8,\"overlapTokens\":0}}")) {
			var response = tenant.http().post("/api/v1/knowledge-bases", bad);
			assertThat(response.statusCode()).as(bad + " " + response.body()).isEqualTo(400);
		}
		assertThat(tenant.http().post("/api/v1/knowledge-bases", "{\"name\":\"x\",\"name\":\"y\"}").statusCode())
			.as("a duplicate member")
			.isEqualTo(400);
		assertThat(this.jdbc.sql("select count(*) from knowledge_base where tenant_id = :t")
			.param("t", tenantId)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void anotherTenantsKnowledgeBasesAndDocumentsAnswer404() throws Exception {
		KnowledgeClient mine = new KnowledgeClient(this.port, UUID.randomUUID());
		KnowledgeClient theirs = new KnowledgeClient(this.port, UUID.randomUUID());
		String kb = mine.knowledgeBase("{\"name\":\"Mine\"}");
		String doc = mine.uploadOne(kb, "mine.txt", "Mine alone.".getBytes());
		mine.awaitFinished(kb, doc, Duration.ofSeconds(60));
		String base = "/api/v1/knowledge-bases/" + kb;
		for (String path : List.of(base, base + "/documents", base + "/documents/" + doc)) {
			assertThat(theirs.http().get(path).statusCode()).as(path).isEqualTo(404);
		}
		assertThat(theirs.http().send("PATCH", base, "{\"name\":\"Stolen\"}").statusCode()).isEqualTo(404);
		assertThat(theirs.http().delete(base + "/documents/" + doc).statusCode()).isEqualTo(404);
		assertThat(theirs.http().post(base + "/documents/" + doc + "/reindex", "{}").statusCode()).isEqualTo(404);
		assertThat(theirs.http().delete(base).statusCode()).isEqualTo(404);
		assertThat(body(theirs.http().get("/api/v1/knowledge-bases"), 200).path("items")).isEmpty();
		assertThat(body(mine.http().get(base + "/documents/" + doc), 200).path("status").asString()).isEqualTo("READY");
	}

	@Test
	void reindexingKeepsTheChunksThatDidNotChangeAndDeletingRemovesEverything() throws Exception {
		KnowledgeClient tenant = new KnowledgeClient(this.port, UUID.randomUUID());
		String kb = tenant.knowledgeBase("{\"name\":\"Lifecycle\"}");
		String doc = tenant.uploadOne(kb, "notes.md", "# Notes\n\nFirst.\n\n# More\n\nSecond.".getBytes());
		JsonNode ready = tenant.awaitFinished(kb, doc, Duration.ofSeconds(60));
		List<String> before = chunkIds(doc);
		assertThat(before).hasSize(ready.path("chunks").asInt());

		JsonNode reindexing = body(
				tenant.http().post("/api/v1/knowledge-bases/" + kb + "/documents/" + doc + "/reindex", "{}"), 202);
		assertThat(reindexing.path("status").asString()).isEqualTo("UPLOADED");
		assertThat(tenant.awaitFinished(kb, doc, Duration.ofSeconds(60)).path("status").asString()).isEqualTo("READY");
		assertThat(chunkIds(doc)).as("the same chunks, not new copies").isEqualTo(before);

		String key = this.jdbc.sql("select blob_key from document where id = :d")
			.param("d", UUID.fromString(doc))
			.query(String.class)
			.single();
		assertThat(this.blobs.open(new BlobKey(key))).isPresent();
		assertThat(tenant.http().delete("/api/v1/knowledge-bases/" + kb + "/documents/" + doc).statusCode())
			.isEqualTo(204);
		assertThat(chunkIds(doc)).isEmpty();
		assertThat(this.blobs.open(new BlobKey(key))).as("the original is gone too").isEmpty();
		assertThat(tenant.http().delete("/api/v1/knowledge-bases/" + kb).statusCode()).isEqualTo(204);
		assertThat(tenant.http().get("/api/v1/knowledge-bases/" + kb).statusCode()).isEqualTo(404);
	}

	private List<String> chunkIds(String document) {
		return this.jdbc.sql("select id::text from chunk where document_id = :d order by ordinal")
			.param("d", UUID.fromString(document))
			.query(String.class)
			.list();
	}

}
