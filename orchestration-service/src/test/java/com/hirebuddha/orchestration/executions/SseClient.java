package com.hirebuddha.orchestration.executions;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Reads a server-sent event stream the way a browser's {@code EventSource} does, until
 * the server ends it or enough events arrived.
 */
final class SseClient {

	private final HttpClient http = HttpClient.newHttpClient();

	private final String base;

	private final String token;

	SseClient(int port, String token) {
		this.base = "http://127.0.0.1:" + port;
		this.token = token;
	}

	/** Opens a stream; events are read on a background thread. */
	Stream open(String path, @Nullable String lastEventId) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Authorization", "Bearer " + this.token)
			.header("Accept", "text/event-stream");
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		return new Stream(this.http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines()));
	}

	/**
	 * One event.
	 *
	 * @param id its id
	 * @param name its name
	 * @param data its data
	 */
	record Event(String id, String name, String data) {
	}

	static final class Stream {

		private final List<Event> events = new ArrayList<>();

		private final CompletableFuture<Integer> ended = new CompletableFuture<>();

		private volatile int status;

		Stream(CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response) {
			response.thenAccept((r) -> {
				this.status = r.statusCode();
				Thread.ofVirtual().start(() -> read(r.body()));
			}).exceptionally((ex) -> {
				this.ended.completeExceptionally(ex);
				return null;
			});
		}

		private void read(java.util.stream.Stream<String> lines) {
			String id = null;
			String name = "message";
			StringBuilder data = new StringBuilder();
			Iterator<String> it = lines.iterator();
			while (it.hasNext()) {
				String line = it.next();
				if (line.isEmpty()) {
					if (!data.isEmpty()) {
						synchronized (this.events) {
							this.events.add(new Event(id, name, data.toString()));
						}
					}
					id = null;
					name = "message";
					data.setLength(0);
				}
				else if (line.startsWith("id:")) {
					id = line.substring(3).trim();
				}
				else if (line.startsWith("event:")) {
					name = line.substring(6).trim();
				}
				else if (line.startsWith("data:")) {
					data.append(line.substring(5).trim());
				}
			}
			this.ended.complete(this.status);
		}

		/** Waits until the server ends the stream. */
		List<Event> awaitEnd(Duration timeout) throws Exception {
			this.ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return events();
		}

		/** Waits until at least this many events arrived. */
		List<Event> await(int count, Duration timeout) throws InterruptedException {
			long until = System.nanoTime() + timeout.toNanos();
			while (events().size() < count && System.nanoTime() < until) {
				Thread.sleep(20);
			}
			return events();
		}

		List<Event> events() {
			synchronized (this.events) {
				return List.copyOf(this.events);
			}
		}

		boolean ended() {
			return this.ended.isDone();
		}

		int status() {
			return this.status;
		}

	}

}
