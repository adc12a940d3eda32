package com.hirebuddha.ingestion.documents;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.hirebuddha.commons.test.ServiceTest;
import com.hirebuddha.ingestion.Fixtures;
import com.hirebuddha.ingestion.KnowledgeClient;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One real file of every accepted format goes from upload to READY through the whole
 * pipeline (blob store, Tika, chunking, the in-process model, PostgreSQL), with the
 * chunks and metadata its structure implies.
 */
@ServiceTest
class DocumentFormatsTests {

	private static final Duration READY_IN = Duration.ofSeconds(60);

	private final int port;

	private final JdbcClient jdbc;

	DocumentFormatsTests(@LocalServerPort int port, JdbcClient jdbc) {
		this.port = port;
		this.jdbc = jdbc;
	}

	@Test
	void everyFormatReachesReadyWithTheChunksItsStructureImplies() throws Exception {
		KnowledgeClient tenant = new KnowledgeClient(this.port, UUID.randomUUID());
		String kb = tenant
			.knowledgeBase("{\"name\":\"Formats\",\"chunking\":{\"chunkTokens\":64,\"overlapTokens\":0}}");
		Map<String, Expected> files = Map
			.of("pages.pdf",
					new Expected(Fixtures.pdf(
							List.of("First page about apples.", "Second page about pears.", "Third page about plums.")),
							"application/pdf", 3),
					"handbook.docx",
					new Expected(Fixtures.docx(),
							"application/vnd.openxmlformats-officedocument.wordprocessingml.document", 3),
					"deck.pptx",
					new Expected(Fixtures.pptx(List.of("Quarterly results", "Next steps")),
							"application/vnd.openxmlformats-officedocument.presentationml.presentation", 2),
					"prices.xlsx",
					new Expected(
							Fixtures.xlsx("Prices",
									List.of(List.of("Fruit", "Price"), List.of("Apple", "1.20"),
											List.of("Pear", "0.90"))),
							"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 1),
					"page.html",
					new Expected(bytes("<!DOCTYPE html><html><head><title>T</title></head><body>"
							+ "<h1>Support</h1><p>Call us any day.</p><h2>Refunds</h2><p>Refunds take five days.</p>"
							+ "</body></html>"), "text/html", 2),
					"guide.md",
					new Expected(bytes("# Guide\n\nIntro text.\n\n## Install\n\nRun the installer.\n\n"
							+ "## Upgrade\n\nRun it again.\n"), "text/markdown", 3),
					"notes.txt", new Expected(bytes("Plain notes about the project.\nA second line."), "text/plain", 1),
					"table.csv",
					new Expected(bytes("city,population\nBerlin,3700000\nTokyo,14000000\n"), "text/csv", 1));
		Map<String, String> ids = new java.util.HashMap<>();
		for (Map.Entry<String, Expected> file : files.entrySet()) {
			ids.put(file.getKey(), tenant.uploadOne(kb, file.getKey(), file.getValue().bytes()));
		}
		for (Map.Entry<String, Expected> file : files.entrySet()) {
			JsonNode document = tenant.awaitFinished(kb, ids.get(file.getKey()), READY_IN);
			assertThat(document.path("status").asString()).as(file.getKey() + ": " + document).isEqualTo("READY");
			assertThat(document.path("mediaType").asString()).as(file.getKey()).isEqualTo(file.getValue().type());
			assertThat(document.path("chunks").asInt()).as(file.getKey() + " chunks")
				.isEqualTo(file.getValue().chunks());
			assertThat(chunks(ids.get(file.getKey()))).as(file.getKey() + " stored chunks, all embedded")
				.isEqualTo(file.getValue().chunks());
			assertThat(document.path("progress").path("done").asInt())
				.isEqualTo(document.path("progress").path("total").asInt());
			assertThat(document.path("embeddingTokens").asLong()).isPositive();
		}

		JsonNode pdf = tenant.awaitFinished(kb, ids.get("pages.pdf"), READY_IN);
		assertThat(pdf.path("pages").asInt()).isEqualTo(3);
		assertThat(this.jdbc.sql("select page from chunk where document_id = :d order by ordinal")
			.param("d", UUID.fromString(ids.get("pages.pdf")))
			.query(Integer.class)
			.list()).as("a chunk never spans two pages").containsExactly(1, 2, 3);

		assertThat(headingPaths(ids.get("guide.md"))).containsExactly("Guide", "Guide > Install", "Guide > Upgrade");
		assertThat(headingPaths(ids.get("page.html"))).containsExactly("Support", "Support > Refunds");
		assertThat(headingPaths(ids.get("handbook.docx"))).containsExactly("Employee handbook",
				"Employee handbook > Holidays", "Employee handbook > Notice period");

		// offsets point into the extracted text: the chunk's content is that span
		assertThat(this.jdbc
			.sql("select count(*) from chunk where document_id = :d and end_offset - start_offset = length(content)")
			.param("d", UUID.fromString(ids.get("guide.md")))
			.query(Long.class)
			.single()).isEqualTo(3);
	}

	@Test
	void plainTextArrivesAsJsonAndCarriesItsMetadata() throws Exception {
		KnowledgeClient tenant = new KnowledgeClient(this.port, UUID.randomUUID());
		String kb = tenant.knowledgeBase("{\"name\":\"Text\"}");
		JsonNode accepted = KnowledgeClient.body(tenant.http()
			.post("/api/v1/knowledge-bases/" + kb + "/documents",
					"{\"name\":\"faq.md\",\"text\":\"# FAQ\\n\\nWe ship worldwide.\",\"metadata\":{\"team\":\"support\"}}"),
				202);
		JsonNode document = accepted.path("items").get(0);
		assertThat(document.path("status").asString()).isEqualTo("UPLOADED");
		assertThat(document.path("mediaType").asString()).isEqualTo("text/markdown");
		JsonNode ready = tenant.awaitFinished(kb, document.path("id").asString(), READY_IN);
		assertThat(ready.path("status").asString()).isEqualTo("READY");
		assertThat(ready.path("metadata").path("team").asString()).isEqualTo("support");
		JsonNode listed = KnowledgeClient
			.body(tenant.http().get("/api/v1/knowledge-bases/" + kb + "/documents?status=READY"), 200);
		assertThat(listed.path("total").asInt()).isEqualTo(1);
		assertThat(KnowledgeClient.body(tenant.http().get("/api/v1/knowledge-bases/" + kb), 200).path("chunks").asInt())
			.isEqualTo(1);
	}

	private long chunks(String documentId) {
		return this.jdbc.sql("select count(*) from chunk where document_id = :d and embedding is not null")
			.param("d", UUID.fromString(documentId))
			.query(Long.class)
			.single();
	}

	private List<String> headingPaths(String documentId) {
		return this.jdbc
			.sql("select array_to_string(heading_path, ' > ') from chunk where document_id = :d order by ordinal")
			.param("d", UUID.fromString(documentId))
			.query(String.class)
			.list();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

	private record Expected(byte[] bytes, String type, int chunks) {
	}

}
