package com.hirebuddha.ingestion.documents;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.hirebuddha.commons.test.ServiceTest;
import com.hirebuddha.commons.test.TestTokens;
import com.hirebuddha.ingestion.Fixtures;
import com.hirebuddha.ingestion.KnowledgeClient;
import com.hirebuddha.ingestion.KnowledgeClient.NamedBytes;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What cannot be a document is refused before anything is stored (a clear 4xx, nothing
 * written), or, when only parsing can tell, ends FAILED with its reason; either way the
 * service stays healthy, its heap bounded, and the next good file goes through.
 */
@ServiceTest
class UploadRefusalsTests {

	private final int port;

	private final JdbcClient jdbc;

	UploadRefusalsTests(@LocalServerPort int port, JdbcClient jdbc) {
		this.port = port;
		this.jdbc = jdbc;
	}

	@Test
	void badUploadsAreRefusedAndStoreNothing() throws Exception {
		KnowledgeClient tenant = new KnowledgeClient(this.port, UUID.randomUUID());
		String kb = tenant.knowledgeBase("{\"name\":\"Refusals\"}");

		assertRefused(tenant.upload(kb, List.of(new NamedBytes("photo.pdf", Fixtures.png()))), 415,
				"unsupported-media-type", "photo.pdf");
		assertRefused(tenant.upload(kb, List.of(new NamedBytes("empty.txt", new byte[0]))), 422, "empty-document",
				"empty.txt");
		assertRefused(
				tenant.upload(kb,
						List.of(new NamedBytes("latin1.txt",
								new byte[] { 'c', 'a', 'f', (byte) 0xE9, ' ', 'o', 'k' }))),
				422, "invalid-encoding", "latin1.txt");
		byte[] tooLarge = new byte[5 * 1024 * 1024];
		java.util.Arrays.fill(tooLarge, (byte) 'x');
		assertRefused(tenant.upload(kb, List.of(new NamedBytes("big.txt", tooLarge))), 413, "file-too-large",
				"big.txt");
		// one bad file refuses the whole request: the good one beside it is not kept
		// either
		assertRefused(
				tenant.upload(kb,
						List.of(NamedBytes.text("fine.txt", "Fine."), new NamedBytes("x.pdf", Fixtures.png()))),
				415, "unsupported-media-type", "x.pdf");
		assertThat(this.jdbc.sql("select count(*) from document where tenant_id = :t")
			.param("t", tenant.tenantId())
			.query(Long.class)
			.single()).as("nothing was stored").isZero();

		assertThat(tenant.http()
			.post("/api/v1/knowledge-bases/" + kb + "/documents", "{\"name\":\"\",\"text\":\"x\"}")
			.statusCode()).isEqualTo(400);
		assertThat(tenant.http()
			.post("/api/v1/knowledge-bases/" + UUID.randomUUID() + "/documents", "{\"name\":\"a.txt\",\"text\":\"x\"}")
			.statusCode()).isEqualTo(404);
	}

	@Test
	void filesOnlyParsingCanJudgeFailWithTheirReasonAndTheServiceStaysHealthy() throws Exception {
		KnowledgeClient tenant = new KnowledgeClient(this.port, UUID.randomUUID());
		String kb = tenant.knowledgeBase("{\"name\":\"Hostile\"}");
		String bomb = tenant.uploadOne(kb, "bomb.docx", Fixtures.zipBombDocx());
		String encrypted = tenant.uploadOne(kb, "locked.pdf", Fixtures.encryptedPdf());
		String malformed = tenant.uploadOne(kb, "broken.pdf", Fixtures.malformedPdf());
		String blank = tenant.uploadOne(kb, "blank.md", "   \n\n  ".getBytes(java.nio.charset.StandardCharsets.UTF_8));

		assertFailed(tenant.awaitFinished(kb, bomb, Duration.ofSeconds(60)), "zip bomb");
		assertFailed(tenant.awaitFinished(kb, encrypted, Duration.ofSeconds(60)), "encrypted");
		assertFailed(tenant.awaitFinished(kb, malformed, Duration.ofSeconds(60)), "could not be parsed");
		assertFailed(tenant.awaitFinished(kb, blank, Duration.ofSeconds(60)), "no text");

		String good = tenant.uploadOne(kb, "after.txt", "Still working after all that.".getBytes());
		assertThat(tenant.awaitFinished(kb, good, Duration.ofSeconds(60)).path("status").asString()).isEqualTo("READY");
		assertThat(
				new com.hirebuddha.commons.test.ServiceClient(this.port).get("/actuator/health/readiness").statusCode())
			.isEqualTo(200);
		System.gc();
		long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		assertThat(used).as("the heap after a zip bomb").isLessThan(400L * 1024 * 1024);
	}

	@Test
	void theTenantsStorageLimitIsEnforcedOnUpload() throws Exception {
		UUID tenantId = UUID.randomUUID();
		KnowledgeClient tenant = new KnowledgeClient(this.port, tenantId);
		String kb = tenant.knowledgeBase("{\"name\":\"Quota\"}");
		this.jdbc.sql("insert into tenant_profile (tenant_id, storage_mb, updated_at) values (:t, 1, now())")
			.param("t", tenantId)
			.update();
		byte[] halfMb = new byte[600 * 1024];
		java.util.Arrays.fill(halfMb, (byte) 'y');
		assertThat(tenant.upload(kb, List.of(new NamedBytes("one.txt", halfMb))).statusCode()).isEqualTo(202);
		HttpResponse<String> refused = tenant.upload(kb, List.of(new NamedBytes("two.txt", halfMb)));
		JsonNode problem = assertRefused(refused, 422, "storage-limit-exceeded", "1 MB");
		assertThat(problem.path("limitMb").asInt()).isEqualTo(1);
	}

	@Test
	void apiKeysNeedTheKnowledgeScopes() throws Exception {
		UUID tenantId = UUID.randomUUID();
		String readOnly = TestTokens.sign((claims) -> claims.claim("tid", tenantId.toString())
			.claim("roles", List.of("TENANT_MEMBER"))
			.claim("typ", "api-key")
			.claim("scope", "knowledge:read")
			.subject("apikey:" + UUID.randomUUID()));
		KnowledgeClient key = new KnowledgeClient(this.port, tenantId, readOnly);
		HttpResponse<String> refused = key.http().post("/api/v1/knowledge-bases", "{\"name\":\"No\"}");
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(key.http().get("/api/v1/knowledge-bases").statusCode()).isEqualTo(200);
	}

	private static JsonNode assertRefused(HttpResponse<String> response, int status, String type, String mentions) {
		JsonNode problem = KnowledgeClient.body(response, status);
		assertThat(problem.path("type").asString()).endsWith("/" + type);
		assertThat(problem.path("detail").asString()).contains(mentions);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("application/problem+json"));
		return problem;
	}

	private static void assertFailed(JsonNode document, String reason) {
		assertThat(document.path("status").asString()).as(document.toString()).isEqualTo("FAILED");
		assertThat(document.path("failureReason").asString()).contains(reason);
	}

}
