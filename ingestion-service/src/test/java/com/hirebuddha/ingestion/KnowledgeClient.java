package com.hirebuddha.ingestion;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.hirebuddha.commons.test.ServiceClient;
import com.hirebuddha.commons.test.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant's member talking to ingestion-service over HTTP: JSON calls, multipart uploads
 * and waiting for documents to finish.
 */
public final class KnowledgeClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final int port;

	private final UUID tenantId;

	private final String token;

	private final ServiceClient client;

	public KnowledgeClient(int port, UUID tenantId) {
		this(port, tenantId, TestTokens.user(tenantId, "TENANT_MEMBER"));
	}

	public KnowledgeClient(int port, UUID tenantId, String token) {
		this.port = port;
		this.tenantId = tenantId;
		this.token = token;
		this.client = new ServiceClient(port).withBearer(token);
	}

	public UUID tenantId() {
		return this.tenantId;
	}

	public ServiceClient http() {
		return this.client;
	}

	/** Creates a knowledge base and answers its id. */
	public String knowledgeBase(String body) throws Exception {
		return body(this.client.post("/api/v1/knowledge-bases", body), 201).path("id").asString();
	}

	/** Uploads files as multipart, field {@code file}. */
	public HttpResponse<String> upload(String knowledgeBaseId, List<NamedBytes> files) throws Exception {
		String boundary = "hb-" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (NamedBytes file : files) {
			body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.name()
					+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			body.write(file.bytes());
			body.write("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest
			.newBuilder(URI
				.create("http://127.0.0.1:" + this.port + "/api/v1/knowledge-bases/" + knowledgeBaseId + "/documents"))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + this.token)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** Uploads one file and answers its document id. */
	public String uploadOne(String knowledgeBaseId, String name, byte[] bytes) throws Exception {
		HttpResponse<String> response = upload(knowledgeBaseId, List.of(new NamedBytes(name, bytes)));
		return body(response, 202).path("items").get(0).path("id").asString();
	}

	/** Waits until a document is READY or FAILED and answers it. */
	public JsonNode awaitFinished(String knowledgeBaseId, String documentId, Duration timeout) throws Exception {
		Instant deadline = Instant.now().plus(timeout);
		JsonNode document;
		do {
			document = body(this.client.get("/api/v1/knowledge-bases/" + knowledgeBaseId + "/documents/" + documentId),
					200);
			String status = document.path("status").asString();
			if ("READY".equals(status) || "FAILED".equals(status)) {
				return document;
			}
			Thread.sleep(100);
		}
		while (Instant.now().isBefore(deadline));
		throw new AssertionError("document " + documentId + " did not finish in " + timeout + ": " + document);
	}

	public static JsonNode body(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		return JSON.readTree(response.body());
	}

	public static JsonNode json(String text) {
		return JSON.readTree(text);
	}

	/**
	 * A file to upload.
	 *
	 * @param name its name
	 * @param bytes its content
	 */
	public record NamedBytes(String name, byte[] bytes) {

		public static NamedBytes text(String name, String text) {
			return new NamedBytes(name, text.getBytes(StandardCharsets.UTF_8));
		}

	}

}
