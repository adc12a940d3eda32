package com.hirebuddha.worker.providers;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP client under every LangChain4j model: the JDK's client on virtual threads,
 * with a connect timeout, a time limit for the response to start, and two things
 * LangChain4j's own client does not give: a provider's {@code Retry-After} travels with
 * the failure ({@link ProviderHttpException}), and the call in progress on a thread can
 * be aborted from another ({@link Abort}), which is how cancel and node timeouts stop a
 * stream at once. Streams are read on the calling thread.
 */
public final class ProviderHttpClient implements dev.langchain4j.http.client.HttpClient {

	/** Provider error bodies are cut here. */
	private static final int MAX_ERROR_BODY = 4_096;

	private static final ThreadLocal<Abort> CURRENT = new ThreadLocal<>();

	private final HttpClient client;

	private final Duration responseTimeout;

	/**
	 * A client.
	 * @param connectTimeout how long connecting may take
	 * @param responseTimeout how long until the response headers arrive
	 */
	public ProviderHttpClient(Duration connectTimeout, Duration responseTimeout) {
		this.client = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.executor(Executors.newVirtualThreadPerTaskExecutor())
			.followRedirects(HttpClient.Redirect.NEVER)
			// predictable under load: a pool of HTTP/1.1 connections, no h2c upgrade or
			// stream limits
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		this.responseTimeout = responseTimeout;
	}

	/**
	 * A builder handing LangChain4j this client, whatever timeouts it asks for.
	 * @return the builder
	 */
	public HttpClientBuilder builder() {
		ProviderHttpClient self = this;
		return new HttpClientBuilder() {

			@Override
			public Duration connectTimeout() {
				return self.responseTimeout;
			}

			@Override
			public HttpClientBuilder connectTimeout(Duration timeout) {
				return this;
			}

			@Override
			public Duration readTimeout() {
				return self.responseTimeout;
			}

			@Override
			public HttpClientBuilder readTimeout(Duration timeout) {
				return this;
			}

			@Override
			public dev.langchain4j.http.client.HttpClient build() {
				return self;
			}

		};
	}

	/**
	 * Makes calls on this thread abortable through the given handle until it is closed.
	 * @param abort the handle the caller keeps
	 */
	public static void bind(Abort abort) {
		CURRENT.set(abort);
	}

	/** Ends {@link #bind}. */
	public static void unbind() {
		CURRENT.remove();
	}

	@Override
	public SuccessfulHttpResponse execute(dev.langchain4j.http.client.HttpRequest request) {
		HttpResponse<InputStream> response = send(request);
		try (InputStream body = response.body()) {
			Abort abort = CURRENT.get();
			if (abort != null) {
				abort.attach(body);
			}
			return SuccessfulHttpResponse.builder()
				.statusCode(response.statusCode())
				.headers(response.headers().map())
				.body(new String(body.readAllBytes(), StandardCharsets.UTF_8))
				.build();
		}
		catch (IOException ex) {
			throw failure(ex);
		}
	}

	@Override
	public void execute(dev.langchain4j.http.client.HttpRequest request, ServerSentEventParser parser,
			ServerSentEventListener listener) {
		HttpResponse<InputStream> response;
		try {
			response = send(request);
		}
		catch (RuntimeException ex) {
			listener.onError(ex);
			return;
		}
		try (InputStream body = response.body()) {
			Abort abort = CURRENT.get();
			if (abort != null) {
				abort.attach(body);
			}
			listener.onOpen(SuccessfulHttpResponse.builder()
				.statusCode(response.statusCode())
				.headers(response.headers().map())
				.build());
			parser.parse(body, listener);
			if (aborted()) {
				listener.onError(new AbortedException());
				return;
			}
			listener.onClose();
		}
		catch (IOException ex) {
			listener.onError(aborted() ? new AbortedException() : failure(ex));
		}
		catch (RuntimeException ex) {
			listener.onError(aborted() ? new AbortedException() : ex);
		}
	}

	private static boolean aborted() {
		Abort current = CURRENT.get();
		return current != null && current.aborted();
	}

	private HttpResponse<InputStream> send(dev.langchain4j.http.client.HttpRequest request) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.url())).timeout(this.responseTimeout);
		request.headers().forEach((name, values) -> {
			if (!"content-length".equalsIgnoreCase(name) && !"host".equalsIgnoreCase(name)) {
				values.forEach((value) -> builder.header(name, value));
			}
		});
		String body = request.body();
		builder.method(request.method().name(),
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		HttpResponse<InputStream> response;
		try {
			response = this.client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (java.net.http.HttpTimeoutException ex) {
			throw new TimeoutException(ex);
		}
		catch (IOException ex) {
			throw failure(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AbortedException();
		}
		if (response.statusCode() >= 200 && response.statusCode() < 300) {
			return response;
		}
		String errorBody;
		try (InputStream stream = response.body()) {
			errorBody = new String(stream.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			errorBody = "";
		}
		throw new ProviderHttpException(response.statusCode(), errorBody,
				retryAfter(response.headers().firstValue("retry-after").orElse(null)));
	}

	private static RuntimeException failure(IOException ex) {
		return new ProviderIoException(ex);
	}

	/**
	 * A {@code Retry-After} value: seconds, or an HTTP date.
	 * @param value the header, if any
	 * @return how long to wait, or null
	 */
	static @Nullable Duration retryAfter(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
		}
		catch (NumberFormatException ex) {
			try {
				java.time.ZonedDateTime at = java.time.ZonedDateTime.parse(value.trim(),
						java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
				Duration wait = Duration.between(java.time.Instant.now(), at.toInstant());
				return wait.isNegative() ? Duration.ZERO : wait;
			}
			catch (java.time.format.DateTimeParseException unparseable) {
				return null;
			}
		}
	}

	/**
	 * A provider answered with an error status.
	 */
	public static final class ProviderHttpException extends HttpException {

		private final @Nullable Duration retryAfter;

		ProviderHttpException(int status, String body, @Nullable Duration retryAfter) {
			super(status, body);
			this.retryAfter = retryAfter;
		}

		/**
		 * The provider's {@code Retry-After}.
		 * @return how long it asked us to wait, if it said
		 */
		public @Nullable Duration retryAfter() {
			return this.retryAfter;
		}

	}

	/**
	 * The connection failed or broke mid-stream.
	 */
	public static final class ProviderIoException extends RuntimeException {

		ProviderIoException(IOException cause) {
			super("connection to the provider failed: " + cause, cause);
		}

	}

	/**
	 * The call was aborted by cancel or a timeout.
	 */
	public static final class AbortedException extends RuntimeException {

		AbortedException() {
			super("the call was aborted", null, false, false);
		}

	}

	/**
	 * Stops the call in progress on a bound thread: closes its response stream so the
	 * read returns now, and interrupts the thread if it is still waiting for headers.
	 */
	public static final class Abort {

		private final Thread thread;

		private volatile @Nullable Closeable stream;

		private volatile boolean aborted;

		private boolean disarmed;

		/**
		 * A handle for the current thread.
		 */
		public Abort() {
			this.thread = Thread.currentThread();
		}

		synchronized void attach(Closeable stream) {
			this.stream = stream;
			if (this.aborted) {
				closeQuietly(stream);
			}
		}

		/**
		 * Whether {@link #abort()} was called.
		 * @return true once aborted
		 */
		public boolean aborted() {
			return this.aborted;
		}

		/** Stops the call, unless the caller is past it ({@link #disarm()}). */
		public synchronized void abort() {
			if (this.disarmed) {
				return;
			}
			this.aborted = true;
			Closeable current = this.stream;
			if (current != null) {
				closeQuietly(current);
			}
			this.thread.interrupt();
		}

		/**
		 * Ends the handle's power: the call is over, and what the thread does next (write
		 * to the database) must not be interrupted. Waits for an abort in progress.
		 */
		public synchronized void disarm() {
			this.disarmed = true;
		}

		private static void closeQuietly(Closeable closeable) {
			try {
				closeable.close();
			}
			catch (IOException ex) {
				// closing is all we wanted
			}
		}

	}

}
