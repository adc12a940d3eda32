import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The execution benchmarks of make bench, run against the whole fleet through the gateway with
 * the simulator. One JVM, virtual threads, the JDK's HTTP client; prints one line of key=value
 * results for bench.sh.
 *
 * <pre>
 * throughput <gateway> <token> <agentId> <seconds> <rate>     open loop: POST at a rate, count completions
 * latency    <gateway> <token> <agentId> <seconds> <rate> [warm-up seconds]
 *                                                           POST then follow SSE to final_result, per run;
 *                                                           the warm-up runs first, at the same rate, uncounted
 * streaming  <gateway> <token> <agentId> <runs> <tokens> <delayMs> <workerPid>
 * </pre>
 */
class ExecutionBench {

	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.executor(Executors.newVirtualThreadPerTaskExecutor())
		.build();

	static String gateway;

	static String token;

	public static void main(String[] args) throws Exception {
		gateway = args[1];
		token = args[2];
		switch (args[0]) {
			case "throughput" -> throughput(args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
			case "latency" -> latency(args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]),
					(args.length > 6) ? Integer.parseInt(args[6]) : 0);
			case "streaming" -> streaming(args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]),
					Integer.parseInt(args[6]), Long.parseLong(args[7]));
			default -> throw new IllegalArgumentException(args[0]);
		}
	}

	// POSTs at a fixed rate for a while, then waits for every run to end; the
	// sustained rate is what completed per second while the backlog was never empty
	static void throughput(String agentId, int seconds, int rate) throws Exception {
		List<String> ids = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger refused = new AtomicInteger();
		long started = System.nanoTime();
		paced(seconds, rate, () -> {
			try {
				HttpResponse<String> response = post(agentId, "[[sim:delay_ms=0]] [[sim:tokens=16]] go");
				if (response.statusCode() == 202) {
					ids.add(match(ID, response.body()));
				}
				else {
					refused.incrementAndGet();
				}
			}
			catch (Exception ex) {
				refused.incrementAndGet();
			}
		});
		double offeredFor = (System.nanoTime() - started) / 1e9;
		System.out.printf("accepted=%d refused=%d offered_seconds=%.1f%n", ids.size(), refused.get(), offeredFor);
		Files.write(Path.of(System.getProperty("ids", "/tmp/hb-bench-ids.txt")), ids);
	}

	// the warm-up runs in this JVM too: its own first requests (class loading, connections,
	// JIT) would otherwise land in the measured tail as if the platform were slow
	static void latency(String agentId, int seconds, int rate, int warmUpSeconds) throws Exception {
		paced(warmUpSeconds, rate, () -> {
			try {
				follow(match(ID, post(agentId, "[[sim:delay_ms=0]] [[sim:tokens=16]] warm-up").body()), null);
			}
			catch (Exception ex) {
				// not counted
			}
		});
		ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
		AtomicInteger failed = new AtomicInteger();
		paced(seconds, rate, () -> {
			try {
				long sent = System.nanoTime();
				HttpResponse<String> response = post(agentId, "[[sim:delay_ms=0]] [[sim:tokens=16]] go");
				String id = match(ID, response.body());
				String last = follow(id, null);
				if ("final_result".equals(last)) {
					latencies.add(System.nanoTime() - sent);
				}
				else {
					failed.incrementAndGet();
				}
			}
			catch (Exception ex) {
				failed.incrementAndGet();
			}
		});
		List<Long> sorted = new ArrayList<>(latencies);
		Collections.sort(sorted);
		System.out.printf("runs=%d failed=%d p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f%n", sorted.size(),
				failed.get(), percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
				sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6);
	}

	// many runs streaming at once, each followed by its own SSE client; counts how many
	// were streaming at the same moment and samples the worker's resident memory
	static void streaming(String agentId, int runs, int tokens, int delayMs, long workerPid) throws Exception {
		AtomicInteger streamingNow = new AtomicInteger();
		AtomicInteger peak = new AtomicInteger();
		AtomicInteger succeeded = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		AtomicLong peakRss = new AtomicLong();
		AtomicLong deltas = new AtomicLong();
		CountDownLatch done = new CountDownLatch(runs);
		Thread sampler = Thread.ofVirtual().start(() -> {
			while (done.getCount() > 0) {
				peakRss.accumulateAndGet(rssKb(workerPid), Math::max);
				try {
					Thread.sleep(500);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		String prompt = "[[sim:tokens=" + tokens + "]] [[sim:delay_ms=" + delayMs + "]] stream";
		long started = System.nanoTime();
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < runs; i++) {
				pool.submit(() -> {
					boolean counted = false;
					try {
						String id = match(ID, post(agentId, prompt).body());
						String last = follow(id, (event) -> {
							if ("text_delta".equals(event)) {
								deltas.incrementAndGet();
							}
							if ("node_started".equals(event)) {
								peak.accumulateAndGet(streamingNow.incrementAndGet(), Math::max);
							}
						});
						counted = true;
						streamingNow.decrementAndGet();
						if ("final_result".equals(last)) {
							succeeded.incrementAndGet();
						}
						else {
							failed.incrementAndGet();
						}
					}
					catch (Exception ex) {
						if (counted) {
							streamingNow.decrementAndGet();
						}
						failed.incrementAndGet();
					}
					finally {
						done.countDown();
					}
				});
				Thread.sleep(5);
			}
		}
		done.await();
		sampler.interrupt();
		System.out.printf("runs=%d succeeded=%d failed=%d peak_concurrent=%d deltas=%d seconds=%.1f worker_peak_rss_mb=%d%n",
				runs, succeeded.get(), failed.get(), peak.get(), deltas.get(), (System.nanoTime() - started) / 1e9,
				peakRss.get() / 1024);
	}

	// starts one task every 1/rate seconds for a while (open loop: a slow answer does not
	// slow the arrivals), and waits for all of them
	static void paced(int seconds, int rate, Runnable task) throws InterruptedException {
		long started = System.nanoTime();
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			long total = (long) seconds * rate;
			for (long i = 0; i < total; i++) {
				long wait = started + i * 1_000_000_000L / rate - System.nanoTime();
				if (wait > 0) {
					TimeUnit.NANOSECONDS.sleep(wait);
				}
				pool.submit(task);
			}
		}
	}

	static HttpResponse<String> post(String agentId, String message) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/v1/agents/" + agentId + "/executions"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString("{\"input\":{\"message\":\"" + message + "\"}}"))
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
	}

	// reads the event stream to its end; answers the last event's name
	static String follow(String id, java.util.function.Consumer<String> onEvent) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/v1/executions/" + id + "/events"))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "text/event-stream")
			.timeout(Duration.ofSeconds(120))
			.build();
		HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
		String last = null;
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.startsWith("event:")) {
					last = line.substring(6).trim();
					if (onEvent != null) {
						onEvent.accept(last);
					}
				}
			}
		}
		return last;
	}

	static String match(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		if (!matcher.find()) {
			throw new IllegalStateException("unexpected answer: " + text);
		}
		return matcher.group(1);
	}

	static double percentile(List<Long> sorted, int p) {
		if (sorted.isEmpty()) {
			return 0;
		}
		int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
	}

	static long rssKb(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (Exception ex) {
			// the process ended
		}
		return 0;
	}

}
