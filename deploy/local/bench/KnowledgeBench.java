import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * The knowledge-base side of make bench, on ingestion-service's own classpath (the same
 * LangChain4j model, the same PostgreSQL driver), so the bare library and the platform are
 * measured side by side in one run.
 *
 * <pre>
 * bare   &lt;chunks.txt&gt;                     the bare model's chunks/s on the same chunks, batched as ingestion does
 * search &lt;gateway&gt; &lt;token&gt; &lt;kb&gt; &lt;tenant&gt; &lt;queries.txt&gt; &lt;rate&gt; &lt;seconds&gt; &lt;jdbc-url&gt;
 *        searches through the gateway at a fixed rate (vector, topK 10): latency, and recall@10
 *        of each answer against an exact scan of the tenant's knowledge base with the same query vector
 * </pre>
 */
public class KnowledgeBench {

	private static final Pattern CHUNK_ID = Pattern.compile("\"chunkId\":\"([0-9a-f-]{36})\"");

	public static void main(String[] args) throws Exception {
		switch (args[0]) {
			case "bare" -> bare(Path.of(args[1]));
			case "search" -> search(args[1], args[2], args[3], args[4], Path.of(args[5]), Integer.parseInt(args[6]),
					Integer.parseInt(args[7]), args[8]);
			default -> throw new IllegalArgumentException(args[0]);
		}
	}

	static void bare(Path chunks) throws Exception {
		List<String> texts = Files.readAllLines(chunks).stream().map((line) -> line.replace("\\n", "\n")).toList();
		ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
		AllMiniLmL6V2QuantizedEmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel(pool);
		model.embedAll(texts.subList(0, Math.min(32, texts.size())).stream().map(TextSegment::from).toList());
		long started = System.nanoTime();
		for (int i = 0; i < texts.size(); i += 32) {
			model.embedAll(texts.subList(i, Math.min(texts.size(), i + 32)).stream().map(TextSegment::from).toList());
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		System.out.printf("chunks=%d seconds=%.1f chunks_per_s=%.1f%n", texts.size(), seconds, texts.size() / seconds);
		pool.shutdownNow();
	}

	static void search(String gateway, String token, String kb, String tenant, Path queriesFile, int rate, int seconds,
			String jdbc) throws Exception {
		List<String> queries = Files.readAllLines(queriesFile);
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.executor(Executors.newVirtualThreadPerTaskExecutor())
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		// warm-up: the model, the index pages, the connections
		for (int i = 0; i < 20; i++) {
			send(http, gateway, token, kb, queries.get(i % queries.size()));
		}
		ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<String[]> answers = new ConcurrentLinkedQueue<>();
		AtomicInteger failed = new AtomicInteger();
		long started = System.nanoTime();
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			long total = (long) seconds * rate;
			for (long i = 0; i < total; i++) {
				long wait = started + i * 1_000_000_000L / rate - System.nanoTime();
				if (wait > 0) {
					TimeUnit.NANOSECONDS.sleep(wait);
				}
				String query = queries.get((int) (i % queries.size()));
				pool.submit(() -> {
					long sent = System.nanoTime();
					try {
						HttpResponse<String> response = send(http, gateway, token, kb, query);
						if (response.statusCode() != 200) {
							failed.incrementAndGet();
							return;
						}
						latencies.add(System.nanoTime() - sent);
						answers.add(new String[] { query, response.body() });
					}
					catch (Exception ex) {
						failed.incrementAndGet();
					}
				});
			}
		}
		List<Long> sorted = new ArrayList<>(latencies);
		Collections.sort(sorted);
		double recall = recall(answers, kb, tenant, jdbc);
		System.out.printf("searches=%d failed=%d p50_ms=%.1f p99_ms=%.1f recall_at_10=%.3f%n", sorted.size(),
				failed.get(), percentile(sorted, 50), percentile(sorted, 99), recall);
	}

	// recall@10 of the answers against an exact scan with the query's own vector, for a
	// sample of at most 200 distinct queries
	static double recall(ConcurrentLinkedQueue<String[]> answers, String kb, String tenant, String jdbc)
			throws Exception {
		AllMiniLmL6V2QuantizedEmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
		Set<String> seen = new HashSet<>();
		int found = 0;
		int expected = 0;
		try (Connection connection = DriverManager.getConnection(jdbc)) {
			connection.setAutoCommit(false);
			try (var settings = connection.createStatement()) {
				// an exact scan: no index may answer
				settings.execute("set local enable_indexscan = off");
				settings.execute("set local enable_bitmapscan = off");
			}
			for (String[] answer : answers) {
				if (!seen.add(answer[0]) || seen.size() > 200) {
					continue;
				}
				float[] vector = model.embed(answer[0]).content().vector();
				Set<String> exact = new HashSet<>();
				try (PreparedStatement query = connection.prepareStatement("""
						select id::text from ingestion.chunk
						where tenant_id = ?::uuid and knowledge_base_id = ?::uuid and embedding is not null
						order by embedding <=> ?::vector limit 10""")) {
					query.setString(1, tenant);
					query.setString(2, kb);
					query.setString(3, literal(vector));
					try (ResultSet rows = query.executeQuery()) {
						while (rows.next()) {
							exact.add(rows.getString(1));
						}
					}
				}
				Matcher ids = CHUNK_ID.matcher(answer[1]);
				while (ids.find()) {
					if (exact.contains(ids.group(1))) {
						found++;
					}
				}
				expected += exact.size();
			}
			connection.rollback();
		}
		return (expected == 0) ? 0 : (double) found / expected;
	}

	static HttpResponse<String> send(HttpClient http, String gateway, String token, String kb, String query)
			throws IOException, InterruptedException {
		String body = "{\"query\":" + quote(query) + ",\"topK\":10,\"mode\":\"vector\"}";
		return http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/knowledge-bases/" + kb + "/search"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	static String literal(float[] vector) {
		StringBuilder out = new StringBuilder("[");
		for (int i = 0; i < vector.length; i++) {
			out.append((i > 0) ? "," : "").append(vector[i]);
		}
		return out.append(']').toString();
	}

	static String quote(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	static double percentile(List<Long> sorted, int p) {
		if (sorted.isEmpty()) {
			return 0;
		}
		int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, index)) / 1e6;
	}

}
