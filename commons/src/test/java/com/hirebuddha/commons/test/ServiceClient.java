package com.hirebuddha.commons.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Talks HTTP to a service under test on its loopback port, as a real client would, with
 * timeouts.
 */
public final class ServiceClient {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final int port;

	private final @Nullable String bearer;

	public ServiceClient(int port) {
		this(port, null);
	}

	private ServiceClient(int port, @Nullable String bearer) {
		this.port = port;
		this.bearer = bearer;
	}

	/**
	 * A client that sends {@code Authorization: Bearer <token>} on every request.
	 * @param token the access token
	 * @return the new client
	 */
	public ServiceClient withBearer(String token) {
		return new ServiceClient(this.port, token);
	}

	/**
	 * Sends any method, with an optional JSON body.
	 * @param method the HTTP method
	 * @param path the path and query
	 * @param json the body, or null for none
	 * @return the response
	 */
	public HttpResponse<String> send(String method, String path, @Nullable String json)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = request(path);
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		return send(request.method(method,
				(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody()));
	}

	/**
	 * Sends any method with extra headers, for example {@code Idempotency-Key}.
	 * @param method the HTTP method
	 * @param path the path and query
	 * @param json the body, or null for none
	 * @param headers the headers to add
	 * @return the response
	 */
	public HttpResponse<String> send(String method, String path, @Nullable String json, Map<String, String> headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = request(path);
		headers.forEach(request::header);
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		return send(request.method(method,
				(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody()));
	}

	/**
	 * Sends a DELETE.
	 * @param path the path
	 * @return the response
	 */
	public HttpResponse<String> delete(String path) throws IOException, InterruptedException {
		return send("DELETE", path, null);
	}

	/**
	 * Sends a GET.
	 * @param path the path and query
	 * @return the response
	 */
	public HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return get(path, null);
	}

	/**
	 * Sends a GET carrying an {@code X-Request-Id}.
	 * @param path the path and query
	 * @param requestId the id to send, or null for none
	 * @return the response
	 */
	public HttpResponse<String> get(String path, @Nullable String requestId) throws IOException, InterruptedException {
		HttpRequest.Builder request = request(path);
		if (requestId != null) {
			request.header("X-Request-Id", requestId);
		}
		return send(request);
	}

	/**
	 * Sends a POST with a JSON body (sent as is, so malformed bodies can be tested too).
	 * @param path the path
	 * @param json the body
	 * @return the response
	 */
	public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	/**
	 * Sends a request over a plain socket, with header values as raw bytes (Java's HTTP
	 * client refuses bytes outside ISO-8859-1 text), and answers the whole response.
	 * @param method the HTTP method
	 * @param path the path and query
	 * @param headers header values as the bytes to send
	 * @return the status line, headers and body, read as ISO-8859-1
	 */
	public String raw(String method, String path, Map<String, byte[]> headers) throws IOException {
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
			head.writeBytes((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n")
				.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			if (this.bearer != null) {
				head.writeBytes(("Authorization: Bearer " + this.bearer + "\r\n")
					.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			}
			headers.forEach((name, value) -> {
				head.writeBytes((name + ": ").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
				head.writeBytes(value);
				head.writeBytes(new byte[] { '\r', '\n' });
			});
			head.writeBytes(new byte[] { '\r', '\n' });
			socket.getOutputStream().write(head.toByteArray());
			return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
		}
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(TIMEOUT);
		if (this.bearer != null) {
			request.header("Authorization", "Bearer " + this.bearer);
		}
		return request;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
