package com.hirebuddha.worker.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Drives {@link GuardedHttpClient} against real servers on loopback: what the SSRF guard
 * refuses, how redirects, limits and timeouts behave, and that the call goes to the
 * address that was checked.
 */
class GuardedHttpClientTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final String LOOPBACK_ONLY = "127.0.0.1/32";

	private final List<Recorded> recorded = new CopyOnWriteArrayList<>();

	private final List<HttpServer> servers = new ArrayList<>();

	@AfterEach
	void stopServers() {
		this.servers.forEach((server) -> server.stop(0));
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1/", "http://127.1.2.3:8080/", "http://localhost/", "http://10.0.0.1/",
			"http://172.16.5.4/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/",
			"http://100.64.0.1/", "http://100.100.100.200/", "http://0.0.0.0/", "http://224.0.0.1/",
			"http://255.255.255.255/", "http://[::1]/", "http://[::]/", "http://[fe80::1]/", "http://[fc00::1]/",
			"http://[fd00:ec2::254]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:169.254.169.254]/",
			"http://[64:ff9b::a00:1]/", "http://[2002:a9fe:a9fe::]/", "https://127.0.0.1/", "HTTP://2130706433/" })
	void refusesNonPublicAddresses(String url) {
		GuardedHttpClient client = new GuardedHttpClient(GuardedHttpClient.Settings.defaults());
		HttpCallException failure = failure(() -> client.execute(get(url)));
		assertThat(failure.reason()).isEqualTo(HttpCallException.FORBIDDEN_ADDRESS);
		assertThat(failure.retryable()).isFalse();
	}

	@Test
	void refusesHostWhenAnyResolvedAddressIsNotPublic() {
		GuardedHttpClient client = new GuardedHttpClient(GuardedHttpClient.Settings.defaults(),
				(host) -> new InetAddress[] { ip("93.184.215.14"), ip("10.0.0.5") },
				(SSLSocketFactory) SSLSocketFactory.getDefault());
		assertThat(failure(() -> client.execute(get("http://mixed.example.test/"))).reason())
			.isEqualTo(HttpCallException.FORBIDDEN_ADDRESS);
	}

	@Test
	void refusesMetadataAddressesEvenInsideAnAllowedBlock() {
		GuardedHttpClient client = new GuardedHttpClient(
				settings(List.of("169.254.0.0/16", "100.64.0.0/10", "fc00::/7"), 1024, Duration.ofSeconds(5)));
		for (String url : List.of("http://169.254.169.254/", "http://100.100.100.200/", "http://[fd00:ec2::254]/")) {
			assertThat(failure(() -> client.execute(get(url))).reason()).isEqualTo(HttpCallException.FORBIDDEN_ADDRESS);
		}
		AddressGuard guard = new AddressGuard(List.of("169.254.0.0/16"), InetAddress::getAllByName);
		assertThat(guard.permits(ip("169.254.10.1"))).isTrue();
	}

	@Test
	void permitsPublicAddressesNextToTheRefusedBlocks() {
		AddressGuard guard = new AddressGuard(List.of(), InetAddress::getAllByName);
		for (String address : List.of("8.8.8.8", "172.32.0.1", "100.128.0.1", "11.0.0.1", "2606:4700::1111",
				"64:ff9b::808:808")) {
			assertThat(guard.permits(ip(address))).as(address).isTrue();
		}
		for (String address : List.of("172.31.255.255", "100.127.255.255", "fe80::1", "ff02::1")) {
			assertThat(guard.permits(ip(address))).as(address).isFalse();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "file:///etc/passwd", "ftp://example.com/file", "gopher://example.com/",
			"jar:file:/app.jar!/", "not a url", "http:///path", "//example.com/", "http://user:secret@example.com/" })
	void refusesUrlsThatAreNotPlainHttp(String url) {
		GuardedHttpClient client = new GuardedHttpClient(GuardedHttpClient.Settings.defaults());
		HttpCallException failure = failure(() -> client.execute(get(url)));
		assertThat(failure.reason()).isEqualTo(HttpCallException.INVALID_URL);
		assertThat(failure.getMessage()).doesNotContain("secret");
	}

	@Test
	void refusesRequestsThatWouldInjectHeadersOrUseOtherMethods() throws IOException {
		String url = base(serve(Map.of("/", (exchange) -> respond(exchange, 200, "ok"))));
		GuardedHttpClient client = allowingLoopback();
		List<GuardedHttpClient.Request> requests = List.of(
				new GuardedHttpClient.Request("TRACE", url, Map.of(), null, TIMEOUT),
				new GuardedHttpClient.Request("GET", url, Map.of("X-Note", "a\r\nX-Injected: 1"), null, TIMEOUT),
				new GuardedHttpClient.Request("GET", url, Map.of("Bad Name", "x"), null, TIMEOUT),
				new GuardedHttpClient.Request("GET", url, Map.of("Host", "internal"), null, TIMEOUT));
		for (GuardedHttpClient.Request request : requests) {
			HttpCallException failure = failure(() -> client.execute(request));
			assertThat(failure.reason()).isEqualTo(HttpCallException.INVALID_REQUEST);
			assertThat(failure.getMessage()).doesNotContain("X-Injected");
		}
		assertThat(this.recorded).isEmpty();
	}

	@Test
	void callsServerInAnAllowedBlock() throws Exception {
		int port = serve(Map.of("/hello", (exchange) -> {
			exchange.getResponseHeaders().add("X-Reply", "yes");
			respond(exchange, 200, "hello, world");
		}));
		GuardedHttpClient.Response response = allowingLoopback().execute(get(base(port) + "/hello?q=1"));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("hello, world");
		assertThat(response.headers().get("x-reply")).containsExactly("yes");
		Recorded request = this.recorded.get(0);
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.path()).isEqualTo("/hello?q=1");
		assertThat(request.headers().getFirst("Host")).isEqualTo("127.0.0.1:" + port);
	}

	@Test
	void returnsErrorStatusesAsResponses() throws Exception {
		int port = serve(Map.of("/", (exchange) -> respond(exchange, 404, "no such thing")));
		GuardedHttpClient.Response response = allowingLoopback().execute(get(base(port) + "/missing"));
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.body()).isEqualTo("no such thing");
	}

	@Test
	void postsBodyAndHeaders() throws Exception {
		int port = serve(Map.of("/items", (exchange) -> respond(exchange, 201, "created")));
		String json = "{\"name\":\"Zoë\"}";
		GuardedHttpClient.Response response = allowingLoopback()
			.execute(new GuardedHttpClient.Request("post", base(port) + "/items",
					Map.of("Content-Type", "application/json", "Authorization", "Bearer t0ken", "X-Trace", "abc"), json,
					TIMEOUT));
		assertThat(response.status()).isEqualTo(201);
		Recorded request = this.recorded.get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.body()).isEqualTo(json);
		assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/json");
		assertThat(request.headers().getFirst("Authorization")).isEqualTo("Bearer t0ken");
		assertThat(request.headers().getFirst("X-Trace")).isEqualTo("abc");
		assertThat(request.headers().getFirst("Content-Length"))
			.isEqualTo(String.valueOf(json.getBytes(StandardCharsets.UTF_8).length));
	}

	@Test
	void refusesRedirectToLoopbackAddressOutsideTheAllowedBlock() throws IOException {
		int port = serve(
				Map.of("/start", (exchange) -> redirect(exchange, 302, "http://127.0.0.2:" + portOf(exchange) + "/")));
		HttpCallException failure = failure(() -> allowingLoopback().execute(get(base(port) + "/start")));
		assertThat(failure.reason()).isEqualTo(HttpCallException.FORBIDDEN_ADDRESS);
		assertThat(this.recorded).extracting(Recorded::path).containsExactly("/start");
	}

	@Test
	void followsRedirectsWithinTheAllowedBlock() throws Exception {
		int port = serve(Map.of("/start", (exchange) -> redirect(exchange, 301, "/middle"), "/middle",
				(exchange) -> redirect(exchange, 308, "http://127.0.0.1:" + portOf(exchange) + "/end"), "/end",
				(exchange) -> respond(exchange, 200, "arrived")));
		GuardedHttpClient.Response response = allowingLoopback().execute(get(base(port) + "/start"));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("arrived");
		assertThat(this.recorded).extracting(Recorded::path).containsExactly("/start", "/middle", "/end");
	}

	@Test
	void turnsPostIntoGetOn303ButKeepsItOn307() throws Exception {
		int port = serve(Map.of("/see-other", (exchange) -> redirect(exchange, 303, "/result"), "/temporary",
				(exchange) -> redirect(exchange, 307, "/result"), "/result",
				(exchange) -> respond(exchange, 200, "done")));
		GuardedHttpClient client = allowingLoopback();
		Map<String, String> headers = Map.of("Content-Type", "text/plain");
		client.execute(new GuardedHttpClient.Request("POST", base(port) + "/see-other", headers, "payload", TIMEOUT));
		client.execute(new GuardedHttpClient.Request("POST", base(port) + "/temporary", headers, "payload", TIMEOUT));
		assertThat(this.recorded).extracting(Recorded::path, Recorded::method, Recorded::body)
			.containsExactly(tuple("/see-other", "POST", "payload"), tuple("/result", "GET", ""),
					tuple("/temporary", "POST", "payload"), tuple("/result", "POST", "payload"));
		assertThat(this.recorded.get(1).headers().containsKey("Content-Type")).isFalse();
	}

	@Test
	void dropsCredentialsWhenARedirectLeavesTheOrigin() throws Exception {
		int other = serve(Map.of("/", (exchange) -> respond(exchange, 200, "elsewhere")));
		int port = serve(Map.of("/", (exchange) -> redirect(exchange, 302, base(other) + "/landing")));
		allowingLoopback().execute(new GuardedHttpClient.Request("GET", base(port) + "/",
				Map.of("Authorization", "Bearer t0ken", "Cookie", "session=1", "X-Trace", "abc"), null, TIMEOUT));
		Recorded landing = this.recorded.get(1);
		assertThat(landing.path()).isEqualTo("/landing");
		assertThat(landing.headers().containsKey("Authorization")).isFalse();
		assertThat(landing.headers().containsKey("Cookie")).isFalse();
		assertThat(landing.headers().getFirst("X-Trace")).isEqualTo("abc");
	}

	@Test
	void stopsAfterTooManyRedirects() throws IOException {
		int port = serve(Map.of("/loop", (exchange) -> redirect(exchange, 302, "/loop")));
		GuardedHttpClient client = new GuardedHttpClient(new GuardedHttpClient.Settings(Duration.ofSeconds(5),
				Duration.ofSeconds(30), 1024, 2, List.of(LOOPBACK_ONLY)));
		assertThat(failure(() -> client.execute(get(base(port) + "/loop"))).reason())
			.isEqualTo(HttpCallException.TOO_MANY_REDIRECTS);
		assertThat(this.recorded).hasSize(3);
	}

	@Test
	void refusesResponsesLargerThanTheLimit() throws Exception {
		String limit = "x".repeat(1024);
		String tooLarge = "x".repeat(1025);
		Map<String, HttpHandler> routes = Map.of("/fits", (exchange) -> respond(exchange, 200, limit), "/sized",
				(exchange) -> respond(exchange, 200, tooLarge), "/chunked", (exchange) -> {
					exchange.sendResponseHeaders(200, 0);
					try (OutputStream body = exchange.getResponseBody()) {
						for (int i = 0; i < 5; i++) {
							body.write("x".repeat(300).getBytes(StandardCharsets.UTF_8));
							body.flush();
						}
					}
				}, "/announced", (exchange) -> {
					// Announces 10 MB, then stalls: only the Content-Length can fail it
					// fast.
					exchange.sendResponseHeaders(200, 10_000_000);
					exchange.getResponseBody().write('x');
					exchange.getResponseBody().flush();
					sleep(Duration.ofSeconds(3));
				});
		int port = serve(routes);
		GuardedHttpClient client = new GuardedHttpClient(settings(List.of(LOOPBACK_ONLY), 1024, TIMEOUT));
		assertThat(client.execute(get(base(port) + "/fits")).body()).isEqualTo(limit);
		long start = System.nanoTime();
		for (String path : List.of("/sized", "/chunked", "/announced")) {
			HttpCallException failure = failure(() -> client.execute(get(base(port) + path)));
			assertThat(failure.reason()).as(path).isEqualTo(HttpCallException.RESPONSE_TOO_LARGE);
			assertThat(failure.retryable()).isFalse();
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void timesOutOnSlowServerWithinTheRequestTimeout() throws IOException {
		int port = serve(Map.of("/slow", (exchange) -> {
			sleep(Duration.ofSeconds(3));
			respond(exchange, 200, "too late");
		}));
		long start = System.nanoTime();
		HttpCallException failure = failure(() -> allowingLoopback().execute(
				new GuardedHttpClient.Request("GET", base(port) + "/slow", Map.of(), null, Duration.ofMillis(300))));
		assertThat(failure.reason()).isEqualTo(HttpCallException.TIMEOUT);
		assertThat(failure.retryable()).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2000));
	}

	@Test
	void capsTheTimeoutOfAServerThatKeepsTricklingBytes() throws IOException {
		int port = serve(Map.of("/trickle", (exchange) -> {
			exchange.sendResponseHeaders(200, 0);
			try (OutputStream body = exchange.getResponseBody()) {
				for (int i = 0; i < 50; i++) {
					body.write('x');
					body.flush();
					sleep(Duration.ofMillis(100));
				}
			}
		}));
		// Each read succeeds well within any per-read timeout; only the overall deadline
		// (maxTimeout, which wins over the 10 s the request asks for) stops it.
		GuardedHttpClient client = new GuardedHttpClient(
				settings(List.of(LOOPBACK_ONLY), 1024, Duration.ofMillis(500)));
		long start = System.nanoTime();
		HttpCallException failure = failure(() -> client.execute(
				new GuardedHttpClient.Request("GET", base(port) + "/trickle", Map.of(), null, Duration.ofSeconds(10))));
		assertThat(failure.reason()).isEqualTo(HttpCallException.TIMEOUT);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
	}

	@Test
	void reportsRefusedConnectionAsRetryable() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, ip("127.0.0.1"))) {
			closedPort = socket.getLocalPort();
		}
		HttpCallException failure = failure(() -> allowingLoopback().execute(get(base(closedPort) + "/")));
		assertThat(failure.reason()).isEqualTo(HttpCallException.CONNECTION_FAILED);
		assertThat(failure.retryable()).isTrue();
	}

	@Test
	void connectsToTheCheckedAddressAndSendsTheHostName() throws Exception {
		int port = serve(Map.of("/", (exchange) -> respond(exchange, 200, "pinned")));
		AtomicInteger lookups = new AtomicInteger();
		GuardedHttpClient client = new GuardedHttpClient(settings(List.of(LOOPBACK_ONLY), 1024, TIMEOUT), (host) -> {
			lookups.incrementAndGet();
			return new InetAddress[] { ip("127.0.0.1") };
		}, (SSLSocketFactory) SSLSocketFactory.getDefault());
		GuardedHttpClient.Response response = client.execute(get("http://api.example.test:" + port + "/"));
		assertThat(response.body()).isEqualTo("pinned");
		assertThat(this.recorded.get(0).headers().getFirst("Host")).isEqualTo("api.example.test:" + port);
		assertThat(lookups).hasValue(1);
	}

	@Test
	void verifiesTheCertificateAgainstTheHostNameOverAPinnedAddress(@TempDir Path dir) throws Exception {
		KeyStore keyStore = selfSignedKeyStore(dir, "api.example.test");
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(keyStore, "changeit".toCharArray());
		SSLContext serverTls = SSLContext.getInstance("TLS");
		serverTls.init(keys.getKeyManagers(), null, null);
		HttpsServer server = HttpsServer.create(new InetSocketAddress(ip("127.0.0.1"), 0), 0);
		server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
		int port = start(server, Map.of("/", (exchange) -> respond(exchange, 200, "secure")));
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(keyStore);
		SSLContext clientTls = SSLContext.getInstance("TLS");
		clientTls.init(null, trust.getTrustManagers(), null);
		GuardedHttpClient client = new GuardedHttpClient(settings(List.of(LOOPBACK_ONLY), 1024, TIMEOUT),
				(host) -> new InetAddress[] { ip("127.0.0.1") }, clientTls.getSocketFactory());

		assertThat(client.execute(get("https://api.example.test:" + port + "/")).body()).isEqualTo("secure");
		HttpCallException mismatch = failure(() -> client.execute(get("https://other.example.test:" + port + "/")));
		assertThat(mismatch.reason()).isEqualTo(HttpCallException.CONNECTION_FAILED);
		assertThat(this.recorded).hasSize(1);
	}

	private static KeyStore selfSignedKeyStore(Path dir, String hostName) throws Exception {
		Path file = dir.resolve("server.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=" + hostName, "-ext", "SAN=dns:" + hostName, "-validity", "2", "-storetype", "PKCS12", "-keystore",
				file.toString(), "-storepass", "changeit")
			.redirectErrorStream(true)
			.start();
		String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(keytool.waitFor()).as(output).isZero();
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		try (var in = Files.newInputStream(file)) {
			keyStore.load(in, "changeit".toCharArray());
		}
		return keyStore;
	}

	private GuardedHttpClient allowingLoopback() {
		return new GuardedHttpClient(settings(List.of(LOOPBACK_ONLY), 1_048_576, Duration.ofSeconds(30)));
	}

	private static GuardedHttpClient.Settings settings(List<String> allowedCidrs, int maxResponseBytes,
			Duration maxTimeout) {
		return new GuardedHttpClient.Settings(Duration.ofSeconds(5), maxTimeout, maxResponseBytes, 5, allowedCidrs);
	}

	private static GuardedHttpClient.Request get(String url) {
		return new GuardedHttpClient.Request("GET", url, Map.of(), null, TIMEOUT);
	}

	private static HttpCallException failure(Call call) {
		HttpCallException failure = catchThrowableOfType(HttpCallException.class, call::run);
		assertThat(failure).as("expected an HttpCallException").isNotNull();
		return failure;
	}

	private int serve(Map<String, HttpHandler> routes) throws IOException {
		return start(HttpServer.create(new InetSocketAddress(ip("127.0.0.1"), 0), 0), routes);
	}

	private int start(HttpServer server, Map<String, HttpHandler> routes) {
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.createContext("/", (exchange) -> {
			byte[] body = exchange.getRequestBody().readAllBytes();
			Headers headers = new Headers();
			headers.putAll(exchange.getRequestHeaders());
			this.recorded.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers,
					new String(body, StandardCharsets.UTF_8)));
			HttpHandler handler = routes.getOrDefault(exchange.getRequestURI().getPath(), routes.get("/"));
			if (handler == null) {
				respond(exchange, 404, "");
				return;
			}
			try {
				handler.handle(exchange);
			}
			catch (IOException ex) {
				// the client hung up, which some tests make it do
			}
		});
		server.start();
		this.servers.add(server);
		return server.getAddress().getPort();
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, (bytes.length > 0) ? bytes.length : -1);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static void redirect(HttpExchange exchange, int status, String location) throws IOException {
		exchange.getResponseHeaders().add("Location", location);
		respond(exchange, status, "");
	}

	private static int portOf(HttpExchange exchange) {
		return exchange.getLocalAddress().getPort();
	}

	private static String base(int port) {
		return "http://127.0.0.1:" + port;
	}

	private static InetAddress ip(String literal) {
		try {
			return InetAddress.getByName(literal);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@FunctionalInterface
	private interface Call {

		void run() throws Exception;

	}

	private record Recorded(String method, String path, Headers headers, String body) {

	}

}
