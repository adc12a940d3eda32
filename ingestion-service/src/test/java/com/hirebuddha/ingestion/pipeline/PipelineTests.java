package com.hirebuddha.ingestion.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.hirebuddha.commons.test.ServiceTest;
import com.hirebuddha.ingestion.KnowledgeClient;
import com.hirebuddha.ingestion.KnowledgeClient.NamedBytes;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline's promises, against the running pipeline and real PostgreSQL: a document
 * an instance died holding is resumed where it was (embedded chunks are not embedded
 * again, none is duplicated), two claimers never hold the same document, a tenant's
 * thousand files do not starve another's single one, and a document out of attempts ends
 * FAILED.
 */
@ServiceTest
class PipelineTests {

	private static final Duration FINISH_IN = Duration.ofSeconds(60);

	private final int port;

	private final JdbcClient jdbc;

	private final Claims claims;

	PipelineTests(@LocalServerPort int port, JdbcClient jdbc, Claims claims) {
		this.port = port;
		this.jdbc = jdbc;
		this.claims = claims;
	}

	@Test
	void aDocumentADeadInstanceHeldResumesWhereItWasWithoutEmbeddingAgain() throws Exception {
		KnowledgeClient tenant = new KnowledgeClient(this.port, UUID.randomUUID());
		String kb = tenant.knowledgeBase("{\"name\":\"Resume\",\"chunking\":{\"chunkTokens\":32,\"overlapTokens\":0}}");
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 12; i++) {
			text.append("Paragraph ")
				.append(i)
				.append(" tells how the ")
				.append(i)
				.append("th step of the process works, in a dozen plain words.\n\n");
		}
		String id = tenant.uploadOne(kb, "process.txt", text.toString().getBytes());
		JsonNode first = tenant.awaitFinished(kb, id, FINISH_IN);
		assertThat(first.path("status").asString()).isEqualTo("READY");
		int chunks = first.path("chunks").asInt();
		assertThat(chunks).isGreaterThanOrEqualTo(10);
		UUID document = UUID.fromString(id);
		Map<String, Object> kept = this.jdbc
			.sql("select string_agg(id::text || embedding::text, ',' order by ordinal) as v from chunk "
					+ "where document_id = :d and ordinal < 5")
			.param("d", document)
			.query()
			.singleRow();
		long usageBefore = embeddedByUsage(document);
		assertThat(usageBefore).isEqualTo(chunks);

		// as an instance killed half way through embedding leaves it: its lease run out
		this.jdbc.sql("update chunk set embedding = null where document_id = :d and ordinal >= 5")
			.param("d", document)
			.update();
		this.jdbc.sql("""
				update document set status = 'EMBEDDING', lease_owner = 'killed-instance', attempts = 1,
				       lease_until = now() - interval '1 second', ready_at = null
				where id = :d""").param("d", document).update();

		JsonNode resumed = tenant.awaitFinished(kb, id, FINISH_IN);
		assertThat(resumed.path("status").asString()).isEqualTo("READY");
		assertThat(resumed.path("attempts").asInt()).isEqualTo(2);
		assertThat(this.jdbc.sql("select count(*) from chunk where document_id = :d")
			.param("d", document)
			.query(Long.class)
			.single()).as("no chunk duplicated").isEqualTo(chunks);
		assertThat(this.jdbc.sql("select count(*) from chunk where document_id = :d and embedding is null")
			.param("d", document)
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc
			.sql("select string_agg(id::text || embedding::text, ',' order by ordinal) as v from chunk "
					+ "where document_id = :d and ordinal < 5")
			.param("d", document)
			.query()
			.singleRow()).as("chunks embedded before the crash were kept as they were").isEqualTo(kept);
		assertThat(embeddedByUsage(document)).as("only the chunks without a vector were embedded (and billed) again")
			.isEqualTo(usageBefore + (chunks - 5));
	}

	@Test
	void twoClaimersNeverHoldTheSameDocument() throws Exception {
		KnowledgeClient tenant = new KnowledgeClient(this.port, UUID.randomUUID());
		String kb = tenant.knowledgeBase("{\"name\":\"Race\"}");
		for (int i = 0; i < 24; i++) {
			tenant.uploadOne(kb, "race-" + i + ".txt", ("Document number " + i + ".").getBytes());
		}
		List<UUID> claimed = Collections.synchronizedList(new ArrayList<>());
		try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
			List<Future<?>> claimers = new ArrayList<>();
			for (int c = 0; c < 6; c++) {
				String owner = "test-claimer-" + c;
				claimers.add(pool.submit(() -> {
					for (int i = 0; i < 6; i++) {
						Optional<Claim> claim = this.claims.next(owner);
						claim.ifPresent((taken) -> {
							claimed.add(taken.documentId());
							assertThat(this.jdbc.sql("select lease_owner from document where id = :d")
								.param("d", taken.documentId())
								.query(String.class)
								.single()).isEqualTo(owner);
						});
					}
					return null;
				}));
			}
			for (Future<?> claimer : claimers) {
				claimer.get();
			}
		}
		assertThat(claimed).doesNotHaveDuplicates();
		// let the pipeline have them: as if the claimers had died, their leases run out
		this.jdbc.sql(
				"update document set lease_until = now() - interval '1 second' where lease_owner like 'test-claimer-%'")
			.update();
	}

	@Test
	void oneTenantsManyFilesDoNotStarveAnothersSingleOne() throws Exception {
		KnowledgeClient busy = new KnowledgeClient(this.port, UUID.randomUUID());
		KnowledgeClient quiet = new KnowledgeClient(this.port, UUID.randomUUID());
		String busyKb = busy.knowledgeBase("{\"name\":\"Busy\"}");
		String quietKb = quiet.knowledgeBase("{\"name\":\"Quiet\"}");
		// thirty files in two requests, so the backlog is whole when the quiet tenant
		// uploads
		List<String> many = new ArrayList<>();
		for (int request = 0; request < 2; request++) {
			List<NamedBytes> files = new ArrayList<>();
			for (int i = 0; i < 15; i++) {
				files.add(NamedBytes.text("bulk-" + request + "-" + i + ".txt",
						"Bulk upload number " + request + "-" + i + " with a few words."));
			}
			KnowledgeClient.body(busy.upload(busyKb, files), 202)
				.path("items")
				.forEach((document) -> many.add(document.path("id").asString()));
		}
		String single = quiet.uploadOne(quietKb, "single.txt", "The one file of a quiet tenant.".getBytes());
		assertThat(quiet.awaitFinished(quietKb, single, FINISH_IN).path("status").asString()).isEqualTo("READY");
		for (String id : many) {
			busy.awaitFinished(busyKb, id, FINISH_IN);
		}
		// while the quiet tenant's file waited, the busy tenant's backlog was still long
		Long finishedBefore = this.jdbc
			.sql("""
					select count(*) from document d, document s
					where d.tenant_id = :busy and s.id = :single and d.ready_at > s.created_at and d.ready_at < s.ready_at""")
			.param("busy", busy.tenantId())
			.param("single", UUID.fromString(single))
			.query(Long.class)
			.single();
		// at most what the two workers already held, and a turn each; without turns, all
		// thirty
		assertThat(finishedBefore).as("the busy tenant's documents finished while the quiet one's waited")
			.isLessThanOrEqualTo(4);
	}

	@Test
	void aDocumentOutOfAttemptsEndsFailedWithItsReason() throws Exception {
		KnowledgeClient tenant = new KnowledgeClient(this.port, UUID.randomUUID());
		String kb = tenant.knowledgeBase("{\"name\":\"Doomed\"}");
		String id = tenant.uploadOne(kb, "doomed.txt", "Never finishes.".getBytes());
		tenant.awaitFinished(kb, id, FINISH_IN);
		// every attempt so far ended with its instance gone
		this.jdbc.sql("""
				update document set status = 'EXTRACTING', lease_owner = 'crashed', attempts = 3,
				       failure_reason = null, lease_until = now() - interval '1 second'
				where id = :d""").param("d", UUID.fromString(id)).update();
		JsonNode failed = tenant.awaitFinished(kb, id, FINISH_IN);
		assertThat(failed.path("status").asString()).isEqualTo("FAILED");
		assertThat(failed.path("failureReason").asString()).startsWith("gave up after 3 attempts")
			.contains("stopped before it finished");
		assertThat(this.jdbc.sql("""
				select count(*) from outbox_event
				where topic = 'document.events' and type = 'hirebuddha.document.failed.v1'
				  and envelope -> 'data' ->> 'documentId' = :d""").param("d", id).query(Long.class).single())
			.isEqualTo(1);
	}

	// the chunks the usage events of a document say were embedded
	private long embeddedByUsage(UUID document) {
		return this.jdbc.sql("""
				select coalesce(sum((envelope -> 'data' ->> 'chunks')::int), 0) from outbox_event
				where topic = 'usage.recorded' and envelope -> 'data' ->> 'documentId' = :d""")
			.param("d", document.toString())
			.query(Long.class)
			.single();
	}

}
