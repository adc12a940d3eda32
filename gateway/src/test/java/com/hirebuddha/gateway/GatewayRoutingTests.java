package com.hirebuddha.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.hirebuddha.commons.test.TestTokens;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the gateway over HTTP against one loopback stand-in per service, and checks that
 * every API area reaches its owner with a request id, and that what cannot be routed
 * answers problem+json.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class GatewayRoutingTests {

	private static final List<String> SERVICES = List.of("auth", "tenant", "orchestration", "worker", "billing",
			"ingestion");

	private static final Map<String, String> lastRequestId = new ConcurrentHashMap<>();

	private static final Map<String, String> lastForwarded = new ConcurrentHashMap<>();

	private static final Map<String, String> lastTraceparent = new ConcurrentHashMap<>();

	private static final List<HttpServer> upstreams = new ArrayList<>();

	private static final String TOKEN = TestTokens.platformAdmin();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meters;

	@DynamicPropertySource
	static void upstreams(DynamicPropertyRegistry registry) throws IOException {
		for (String service : SERVICES) {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", (exchange) -> {
				lastRequestId.put(service, String.valueOf(exchange.getRequestHeaders().getFirst("X-Request-Id")));
				lastTraceparent.put(service, String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
				lastForwarded.put(service,
						exchange.getRequestHeaders().getFirst("X-Forwarded-For") + " "
								+ exchange.getRequestHeaders().getFirst("X-Forwarded-Host") + " "
								+ exchange.getRequestHeaders().getFirst("X-Forwarded-Port"));
				byte[] body = ("{\"service\":\"" + service + "\",\"path\":\"" + exchange.getRequestURI().getPath()
						+ "\"}")
					.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.start();
			upstreams.add(server);
			registry.add("HB_" + service.toUpperCase() + "_URL",
					() -> "http://127.0.0.1:" + server.getAddress().getPort());
		}
		GatewayTestSupport.register(registry);
		Path console = Files.createTempDirectory("console");
		Files.writeString(console.resolve("index.html"), "<title>HireBuddha console</title>");
		registry.add("HB_WEB_DIST", () -> console.toUri().toString());
		int closed = closedPort();
		registry.add("HB_NOTIFICATION_URL", () -> "http://127.0.0.1:" + closed);
	}

	@AfterAll
	static void stopUpstreams() {
		upstreams.forEach((server) -> server.stop(0));
	}

	@ParameterizedTest
	@CsvSource({ "/api/v1/auth/login, auth", "/api/v1/api-keys, auth", "/.well-known/jwks.json, auth",
			"/api/v1/tenants, tenant", "/api/v1/tenants/42/suspend, tenant", "/api/v1/partners/7/tenants, tenant",
			"/api/v1/partners/7/earnings, billing", "/api/v1/agents/1/executions, orchestration",
			"/api/v1/workflows/validate, orchestration", "/api/v1/executions/9/events, orchestration",
			"/api/v1/conversations/3/messages, orchestration", "/v1/chat/completions, orchestration",
			"/api/v1/models, worker", "/api/v1/providers/openai, worker", "/api/v1/usage, billing",
			"/api/v1/ledger, billing", "/api/v1/rate-cards, billing", "/api/v1/budgets, billing",
			"/api/v1/invoices/5/payments, billing", "/api/v1/knowledge-bases/1/search, ingestion" })
	void everyAreaReachesItsOwner(String path, String service) throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).GET());
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = this.json.readTree(response.body());
		assertThat(body.path("service").asString()).isEqualTo(service);
		assertThat(body.path("path").asString()).isEqualTo(path);
	}

	@Test
	void requestIdIsCreatedOrKeptAndReachesTheService() throws Exception {
		HttpResponse<String> generated = send(HttpRequest.newBuilder(uri("/api/v1/tenants")).GET());
		String id = generated.headers().firstValue("X-Request-Id").orElseThrow();
		assertThat(id).matches("[0-9a-f-]{36}");
		assertThat(lastRequestId.get("tenant")).isEqualTo(id);

		HttpResponse<String> kept = send(
				HttpRequest.newBuilder(uri("/api/v1/tenants")).header("X-Request-Id", "client-chosen-1").GET());
		assertThat(kept.headers().firstValue("X-Request-Id")).hasValue("client-chosen-1");
		assertThat(lastRequestId.get("tenant")).isEqualTo("client-chosen-1");
	}

	@Test
	void theAccessLogLineCarriesTheTraceIdTheServiceReceives(CapturedOutput output) throws Exception {
		send(HttpRequest.newBuilder(uri("/api/v1/tenants")).header("X-Request-Id", "traced-request-1").GET());
		// W3C traceparent: version-traceid-spanid-flags
		String traceId = lastTraceparent.get("tenant").split("-")[1];
		assertThat(traceId).matches("[0-9a-f]{32}");
		long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (accessLine(output, "traced-request-1") == null && System.nanoTime() < until) {
			Thread.sleep(50);
		}
		assertThat(accessLine(output, "traced-request-1")).as("the access log line")
			.contains("\"traceId\":\"" + traceId + "\"");
	}

	private static String accessLine(CapturedOutput output, String requestId) {
		return output.getOut()
			.lines()
			.filter((line) -> line.contains("\"requestId\":\"" + requestId + "\""))
			.findFirst()
			.orElse(null);
	}

	@Test
	void clientsCannotForgeForwardedHeaders() throws Exception {
		send(HttpRequest.newBuilder(uri("/api/v1/tenants"))
			.header("X-Forwarded-For", "6.6.6.6")
			.header("X-Forwarded-Host", "evil.example")
			.header("X-Forwarded-Port", "6666")
			.GET());
		assertThat(lastForwarded.get("tenant")).isEqualTo("127.0.0.1 127.0.0.1:" + this.port + " " + this.port);
	}

	@Test
	void unroutedPathAnswersProblemJson() throws Exception {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(uri("/api/v1/nowhere")).header("X-Request-Id", "req-404").GET());
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.path("type").asString()).isEqualTo("https://hirebuddha.dev/problems/not-found");
		assertThat(problem.path("requestId").asString()).as(response.body()).isEqualTo("req-404");
		assertThat(problem.path("instance").asString()).isEqualTo("/api/v1/nowhere");
	}

	@Test
	void serviceThatIsDownAnswers503ProblemJson() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/webhooks")).GET());
		assertThat(response.statusCode()).isEqualTo(503);
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.path("type").asString()).isEqualTo("https://hirebuddha.dev/problems/service-unavailable");
		assertThat(response.body()).doesNotContain("Exception");
	}

	@Test
	void corsAllowsTheDevConsoleAndNobodyElse() throws Exception {
		HttpResponse<String> allowed = send(preflight("http://localhost:5173"));
		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:5173");

		HttpResponse<String> refused = send(preflight("http://evil.example"));
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void routeInternalsAreNotExposed() throws Exception {
		assertThat(send(HttpRequest.newBuilder(uri("/actuator/gateway/routes")).GET()).statusCode()).isEqualTo(404);
		assertThat(send(HttpRequest.newBuilder(uri("/actuator/env")).GET()).statusCode()).isEqualTo(404);
	}

	@Test
	void consoleIsServedAtTheRoot() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/")).GET());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("HireBuddha console");
	}

	@Test
	void readinessReflectsRedis() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).GET());
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode health = this.json.readTree(response.body());
		assertThat(health.path("components").path("redis").path("status").asString()).isEqualTo("UP");
	}

	@Test
	void metricsAreScrapedNotPushedUnlessConfigured() throws Exception {
		List<String> registries = (this.meters instanceof CompositeMeterRegistry composite)
				? composite.getRegistries().stream().map((registry) -> registry.getClass().getSimpleName()).toList()
				: List.of(this.meters.getClass().getSimpleName());
		assertThat(registries).contains("PrometheusMeterRegistry").doesNotContain("OtlpMeterRegistry");
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET());
		assertThat(response.body()).contains("application=\"gateway\"");
	}

	private HttpRequest.Builder preflight(String origin) {
		return HttpRequest.newBuilder(uri("/api/v1/tenants"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "Content-Type");
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(
				request.header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
