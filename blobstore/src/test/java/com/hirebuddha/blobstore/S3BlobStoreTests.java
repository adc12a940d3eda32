package com.hirebuddha.blobstore;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The S3 backend against a real S3-compatible server in its own process: S3Proxy over its
 * filesystem store (the jar the build copies to {@code target/s3proxy}), spoken to
 * through the AWS SDK v2 with path-style addressing and signed requests.
 */
class S3BlobStoreTests extends BlobStoreContract {

	private static Process server;

	private static S3BlobStore store;

	private static int port;

	@BeforeAll
	static void startServer() throws Exception {
		Path jar = Path.of("target/s3proxy/s3proxy.jar");
		assertThat(jar).as("copied by the build (maven-dependency-plugin)").exists();
		Path data = Files.createTempDirectory("s3proxy-data");
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path properties = Files.createTempFile("s3proxy", ".properties");
		Files.writeString(properties, """
				s3proxy.endpoint=http://127.0.0.1:%d
				s3proxy.authorization=aws-v2-or-v4
				s3proxy.identity=test-access-key
				s3proxy.credential=test-secret-key
				jclouds.provider=filesystem
				jclouds.filesystem.basedir=%s
				""".formatted(port, data));
		String java = ProcessHandle.current().info().command().orElse("java");
		server = new ProcessBuilder(java, "-jar", jar.toString(), "--properties", properties.toString())
			.redirectErrorStream(true)
			.redirectOutput(Path.of("target/s3proxy/s3proxy.log").toFile())
			.start();
		awaitPort(Duration.ofSeconds(60));
		BlobStoreProperties.S3 settings = new BlobStoreProperties.S3(URI.create("http://127.0.0.1:" + port),
				"us-east-1", "hirebuddha-test-" + UUID.randomUUID().toString().substring(0, 8), "test-access-key",
				"test-secret-key", true, Duration.ofSeconds(2), Duration.ofSeconds(30));
		store = new S3BlobStore(BlobStoreAutoConfiguration.client(settings), settings.bucket());
		store.ensureBucket();
		store.ensureBucket();
	}

	@AfterAll
	static void stopServer() {
		if (server != null) {
			server.destroyForcibly();
		}
	}

	@Override
	BlobStore store() {
		return store;
	}

	@Test
	void aWrongSecretIsRefusedAsAnIoFailure() throws Exception {
		BlobStoreProperties.S3 wrong = new BlobStoreProperties.S3(URI.create("http://127.0.0.1:" + port), "us-east-1",
				"hirebuddha-wrong", "test-access-key", "not-the-secret", true, Duration.ofSeconds(2),
				Duration.ofSeconds(10));
		S3BlobStore refused = new S3BlobStore(BlobStoreAutoConfiguration.client(wrong), wrong.bucket());
		org.assertj.core.api.Assertions.assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> refused.put(BlobKey.of(UUID.randomUUID(), "documents", "x"), file("x"), "text/plain"));
		assertThat(store.backend()).isEqualTo("s3");
	}

	private static void awaitPort(Duration timeout) throws Exception {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!server.isAlive()) {
				throw new IllegalStateException(
						"s3proxy exited: " + Files.readString(Path.of("target/s3proxy/s3proxy.log")));
			}
			try (Socket socket = new Socket("127.0.0.1", port)) {
				return;
			}
			catch (IOException ex) {
				Thread.sleep(200);
			}
		}
		throw new IllegalStateException("s3proxy did not start on port " + port);
	}

}
