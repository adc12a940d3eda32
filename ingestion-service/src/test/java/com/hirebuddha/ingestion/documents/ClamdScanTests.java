package com.hirebuddha.ingestion.documents;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.hirebuddha.commons.test.ServiceTest;
import com.hirebuddha.ingestion.KnowledgeClient;
import com.hirebuddha.ingestion.KnowledgeClient.NamedBytes;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upload scan against a real clamd (Debian's clamav-daemon, which make test
 * installs), started with a signature database this test writes itself: the EICAR test
 * file's hash, since no signature update can be downloaded here. The EICAR file is
 * refused before it is stored, a clean file goes through, and a scanner that stops
 * answering refuses uploads rather than letting them in unscanned.
 */
@ServiceTest
class ClamdScanTests {

	private static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

	private static final Path DIR = directory();

	private static final Path SOCKET = DIR.resolve("clamd.sock");

	private static Process clamd;

	private final int port;

	private final JdbcClient jdbc;

	ClamdScanTests(@LocalServerPort int port, JdbcClient jdbc) {
		this.port = port;
		this.jdbc = jdbc;
	}

	@DynamicPropertySource
	static void scanner(DynamicPropertyRegistry registry) throws Exception {
		Path binary = Path.of("/usr/sbin/clamd");
		assertThat(binary).as("clamd (Debian's clamav-daemon; make test installs it)").isExecutable();
		Files.createDirectories(DIR.resolve("db"));
		byte[] eicar = EICAR.getBytes(StandardCharsets.US_ASCII);
		String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(eicar));
		Files.writeString(DIR.resolve("db/test.hdb"), md5 + ":" + eicar.length + ":Eicar-Test-Signature\n");
		Files.writeString(DIR.resolve("clamd.conf"), """
				DatabaseDirectory %s
				LocalSocket %s
				Foreground yes
				TemporaryDirectory %s
				%s
				""".formatted(DIR.resolve("db"), SOCKET, DIR,
				"root".equals(System.getProperty("user.name")) ? "User root" : ""));
		clamd = new ProcessBuilder(binary.toString(), "--config-file=" + DIR.resolve("clamd.conf"))
			.redirectErrorStream(true)
			.redirectOutput(DIR.resolve("clamd.log").toFile())
			.start();
		for (int i = 0; i < 120 && !Files.exists(SOCKET); i++) {
			Thread.sleep(250);
		}
		assertThat(SOCKET).as("clamd's socket; its log: " + DIR.resolve("clamd.log")).exists();
		registry.add("hb.ingestion.upload.clamd.socket", SOCKET::toString);
	}

	@AfterAll
	static void stopClamd() {
		if (clamd != null) {
			clamd.destroyForcibly();
		}
	}

	@Test
	void theEicarFileIsRefusedBeforeItIsStoredAndACleanFileGoesThrough() throws Exception {
		UUID tenantId = UUID.randomUUID();
		KnowledgeClient tenant = new KnowledgeClient(this.port, tenantId);
		String kb = tenant.knowledgeBase("{\"name\":\"Scanned\"}");

		JsonNode refused = KnowledgeClient.body(tenant.upload(kb, List.of(NamedBytes.text("eicar.txt", EICAR))), 422);
		assertThat(refused.path("type").asString()).endsWith("/malware-detected");
		assertThat(refused.path("signature").asString()).contains("Eicar-Test-Signature");
		assertThat(this.jdbc.sql("select count(*) from document where tenant_id = :t")
			.param("t", tenantId)
			.query(Long.class)
			.single()).as("nothing was stored").isZero();

		assertThat(tenant.upload(kb, List.of(NamedBytes.text("clean.txt", "A perfectly ordinary note."))).statusCode())
			.isEqualTo(202);

		clamd.destroyForcibly().waitFor();
		Files.deleteIfExists(SOCKET);
		JsonNode unavailable = KnowledgeClient
			.body(tenant.upload(kb, List.of(NamedBytes.text("unscanned.txt", "Cannot be scanned now."))), 503);
		assertThat(unavailable.path("type").asString()).endsWith("/scanner-unavailable");
		assertThat(this.jdbc.sql("select count(*) from document where tenant_id = :t")
			.param("t", tenantId)
			.query(Long.class)
			.single()).as("only the clean file").isEqualTo(1);
	}

	private static Path directory() {
		try {
			return Files.createTempDirectory("hb-clamd");
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
