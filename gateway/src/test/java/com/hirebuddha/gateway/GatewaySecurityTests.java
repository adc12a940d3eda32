package com.hirebuddha.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.hirebuddha.commons.test.TestTokens;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The front door over HTTP: forged tokens refused, API keys swapped for tokens and dead
 * within seconds of revocation, rate limits that hold across two gateway instances
 * sharing Redis, suspended tenants and ended sessions refused, security headers and body
 * limits. Services are loopback stand-ins; Redis and Kafka (embedded KRaft) are real.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewaySecurityTests {

	/** Valid keys of the auth stand-in: key → claims of the token it is exchanged for. */
	private static final Map<String, Map<String, Object>> keys = new ConcurrentHashMap<>();

	private static final Map<String, String> seenAuthorization = new ConcurrentHashMap<>();

	private static final Set<String> seenApiKeyHeader = ConcurrentHashMap.newKeySet();

	private static final Map<String, String> seenForwardedFor = new ConcurrentHashMap<>();

	private static final java.util.concurrent.atomic.AtomicInteger jwksFetches = new java.util.concurrent.atomic.AtomicInteger();

	private static final java.util.concurrent.atomic.AtomicInteger exchanges = new java.util.concurrent.atomic.AtomicInteger();

	private static final List<HttpServer> servers = new ArrayList<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	// each test is a client of its own: failures of one never spend another's budget
	private final String clientAddress = randomAddress();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		GatewayTestSupport.register(registry);
		// the test client plays an ingress on loopback, so each test can be its own
		// client address
		registry.add("hb.gateway.trusted-proxies", () -> "127\\.0\\.0\\.1");
		HttpServer upstream = server();
		upstream.createContext("/", (exchange) -> {
			String path = exchange.getRequestURI().getPath();
			seenAuthorization.put(path, String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
			if (exchange.getRequestHeaders().containsKey("X-API-Key")) {
				seenApiKeyHeader.add(path);
			}
			exchange.getRequestBody().readAllBytes();
			respond(exchange, 200, "{\"ok\":true}");
		});
		HttpServer auth = server();
		auth.createContext("/api/v1/auth", (exchange) -> {
			seenForwardedFor.put(exchange.getRequestURI().getPath(),
					String.valueOf(exchange.getRequestHeaders().getFirst("X-Forwarded-For")));
			respond(exchange, 200, "{\"service\":\"auth\"}");
		});
		auth.createContext("/internal/api-keys/exchange", (exchange) -> {
			exchanges.incrementAndGet();
			String presented = String.valueOf(exchange.getRequestHeaders().getFirst("X-API-Key"));
			Map<String, Object> claims = keys.get(presented);
			if (claims == null) {
				// as auth-service says it: no live key has the prefix, or the secret is
				// wrong
				boolean knownPrefix = keys.keySet()
					.stream()
					.anyMatch((known) -> known.regionMatches(0, presented, 0, 15));
				respond(exchange, 401, "{\"type\":\"https://hirebuddha.dev/problems/invalid-api-key\",\"reason\":\""
						+ (knownPrefix ? "wrong-secret" : "unknown-prefix") + "\"}");
				return;
			}
			String token = TestTokens.sign((builder) -> claims.forEach(builder::claim));
			respond(exchange, 200, "{\"accessToken\":\"" + token + "\",\"expiresIn\":300}");
		});
		registry.add("hb.gateway.auth-url", () -> "http://127.0.0.1:" + auth.getAddress().getPort());
		// the signing keys as auth-service publishes them, counting every fetch
		HttpServer jwks = server();
		jwks.createContext("/.well-known/jwks.json", (exchange) -> {
			jwksFetches.incrementAndGet();
			try (java.io.InputStream published = URI.create(TestTokens.jwkSetUri()).toURL().openStream()) {
				respond(exchange, 200, new String(published.readAllBytes(), StandardCharsets.UTF_8));
			}
		});
		registry.add("hb.gateway.jwk-set-uri",
				() -> "http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json");
		for (String service : List.of("TENANT", "ORCHESTRATION", "INGESTION", "AUTH")) {
			HttpServer target = service.equals("AUTH") ? auth : upstream;
			registry.add("HB_" + service + "_URL", () -> "http://127.0.0.1:" + target.getAddress().getPort());
		}
	}

	@AfterAll
	static void stop() {
		servers.forEach((server) -> server.stop(0));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("forgedTokens")
	void refusesTokensThatAreNotValidAccessTokens(String why, String token) throws Exception {
		HttpResponse<String> response = get("/api/v1/agents", Map.of("Authorization", "Bearer " + token));
		assertThat(response.statusCode()).as(why).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.json.readTree(response.body()).path("type").asString())
			.isEqualTo("https://hirebuddha.dev/problems/unauthorized");
	}

	static Stream<Arguments> forgedTokens() {
		return TestTokens.forged()
			.entrySet()
			.stream()
			.map((forged) -> Arguments.of(forged.getKey(), forged.getValue()));
	}

	@Test
	void forgedTokensNamingRandomKeysCostAtMostAHandfulOfKeyFetchesAndMeetA429() throws Exception {
		Map<String, String> attacker = Map.of("X-Forwarded-For", randomAddress());
		assertThat(get("/api/v1/agents", Map.of("Authorization", "Bearer " + TestTokens.platformAdmin())).statusCode())
			.isEqualTo(200);
		int fetchesBefore = jwksFetches.get();
		List<Integer> statuses = new ArrayList<>();
		HttpResponse<String> limited = null;
		for (int i = 0; i < 100; i++) {
			Map<String, String> headers = new java.util.HashMap<>(attacker);
			headers.put("Authorization", "Bearer " + TestTokens.signedByUnknownKey(UUID.randomUUID().toString()));
			HttpResponse<String> response = get("/api/v1/agents", headers);
			statuses.add(response.statusCode());
			if (response.statusCode() == 429) {
				limited = response;
			}
		}
		assertThat(jwksFetches.get() - fetchesBefore).as("key-set fetches for 100 unknown kids").isLessThanOrEqualTo(3);
		assertThat(statuses).as("401 until the address's budget (60/min) is spent, 429 after")
			.containsOnly(401, 429)
			.contains(429);
		assertThat(statuses.indexOf(429)).isBetween(55, 65);
		assertThat(limited.headers().firstValue("Retry-After")).isPresent();
		assertThat(this.json.readTree(limited.body()).path("type").asString())
			.isEqualTo("https://hirebuddha.dev/problems/rate-limited");
		// the attacker's address is limited, not the platform
		assertThat(get("/api/v1/agents", Map.of("X-Forwarded-For", randomAddress(), "Authorization",
				"Bearer " + TestTokens.signedByUnknownKey()))
			.statusCode()).isEqualTo(401);
		assertThat(get("/api/v1/agents",
				Map.of("X-Forwarded-For", randomAddress(), "Authorization", "Bearer " + TestTokens.platformAdmin()))
			.statusCode()).isEqualTo(200);
	}

	@Test
	void unknownApiKeysAreAskedAboutOnceAndGuessingMeetsA429() throws Exception {
		String unknown = "hb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_nobody";
		int before = exchanges.get();
		for (int i = 0; i < 10; i++) {
			assertThat(get("/api/v1/agents", Map.of("X-API-Key", unknown, "X-Forwarded-For", randomAddress()))
				.statusCode()).isEqualTo(401);
		}
		assertThat(exchanges.get() - before).as("an unknown prefix is remembered").isEqualTo(1);

		Map<String, String> guesser = Map.of("X-Forwarded-For", randomAddress());
		before = exchanges.get();
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 80; i++) {
			Map<String, String> headers = new java.util.HashMap<>(guesser);
			headers.put("X-API-Key", "hb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_guess");
			statuses.add(get("/api/v1/agents", headers).statusCode());
		}
		assertThat(statuses).containsOnly(401, 429).contains(429);
		assertThat(exchanges.get() - before).as("exchanges asked for 80 guesses from one address")
			.isLessThanOrEqualTo(61);
	}

	@Test
	void apiNeedsCredentialsButSignInIsOpenEvenWithAStaleToken() throws Exception {
		HttpResponse<String> none = get("/api/v1/agents", Map.of());
		assertThat(none.statusCode()).isEqualTo(401);
		assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertThat(get("/api/v1/auth/login", Map.of("Authorization", "Bearer expired.or.garbage")).statusCode())
			.isEqualTo(200);
		HttpResponse<String> valid = get("/api/v1/agents",
				Map.of("Authorization", "Bearer " + TestTokens.platformAdmin()));
		assertThat(valid.statusCode()).isEqualTo(200);
		assertThat(seenAuthorization.get("/api/v1/agents")).as("the token travels on to the service")
			.startsWith("Bearer ");
	}

	@Test
	void anApiKeyBecomesABearerTokenAndIsRefusedWithinSecondsOfRevocation() throws Exception {
		String prefix = "hb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		String key = prefix + "_secret-" + UUID.randomUUID();
		String keyId = UUID.randomUUID().toString();
		keys.put(key, Map.of("typ", "api-key", "akid", keyId, "tid", UUID.randomUUID().toString(), "roles",
				List.of("TENANT_ADMIN"), "sub", "apikey:" + keyId));

		HttpResponse<String> ok = get("/api/v1/workflows", Map.of("X-API-Key", key));
		assertThat(ok.statusCode()).isEqualTo(200);
		assertThat(seenApiKeyHeader).as("the key never reaches a service").doesNotContain("/api/v1/workflows");
		String forwarded = seenAuthorization.get("/api/v1/workflows");
		assertThat(claims(forwarded.substring("Bearer ".length())).path("akid").asString()).isEqualTo(keyId);
		assertThat(get("/api/v1/workflows", Map.of("X-API-Key", key + "x")).statusCode()).isEqualTo(401);
		assertThat(get("/api/v1/workflows", Map.of("X-API-Key", key, "Authorization", "Bearer x")).statusCode())
			.isEqualTo(400);

		// revoked: the auth service refuses the key from now on, and its event clears the
		// cache
		keys.remove(key);
		publish("auth.events", keyId,
				event("hirebuddha.auth.api-key-revoked.v1", Map.of("apiKeyId", keyId, "prefix", prefix)));
		assertThat(statusWithin(Duration.ofSeconds(15), 401, () -> get("/api/v1/workflows", Map.of("X-API-Key", key))))
			.isEqualTo(401);
	}

	@Test
	void aKeyOverItsLimitGets429AndTheLimitHoldsAcrossTwoGatewayInstances() throws Exception {
		String key = "hb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_limited";
		String keyId = UUID.randomUUID().toString();
		keys.put(key, Map.of("typ", "api-key", "akid", keyId, "rlm", 6, "tid", UUID.randomUUID().toString(), "roles",
				List.of("TENANT_MEMBER")));
		try (ConfigurableApplicationContext second = secondGateway()) {
			int otherPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
			int admitted = 0;
			HttpResponse<String> refused = null;
			List<Integer> statuses = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				HttpResponse<String> response = send((i % 2 == 0) ? this.port : otherPort, "/api/v1/agents",
						Map.of("X-API-Key", key));
				statuses.add(response.statusCode());
				if (response.statusCode() == 200) {
					admitted++;
					assertThat(response.headers().firstValue("RateLimit-Limit")).hasValue("6");
				}
				else {
					refused = response;
				}
			}
			assertThat(admitted).as("6 per minute across both instances: %s", statuses).isEqualTo(6);
			assertThat(refused.statusCode()).isEqualTo(429);
			assertThat(refused.headers().firstValue("Retry-After"))
				.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
			assertThat(refused.headers().firstValue("RateLimit-Remaining")).hasValue("0");
			assertThat(this.json.readTree(refused.body()).path("type").asString())
				.isEqualTo("https://hirebuddha.dev/problems/rate-limited");
		}
	}

	@Test
	void aSuspendedTenantIsRefusedWithin5SecondsUntilReactivated() throws Exception {
		UUID tenant = UUID.randomUUID();
		Map<String, String> headers = Map.of("Authorization", "Bearer " + TestTokens.user(tenant, "TENANT_ADMIN"));
		String key = "hb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_suspended";
		keys.put(key, Map.of("typ", "api-key", "akid", UUID.randomUUID().toString(), "tid", tenant.toString(), "roles",
				List.of("TENANT_MEMBER")));
		Map<String, String> viaKey = Map.of("X-API-Key", key);
		assertThat(get("/api/v1/agents", headers).statusCode()).isEqualTo(200);
		assertThat(get("/api/v1/agents", viaKey).statusCode()).isEqualTo(200);
		publish("tenant.events", tenant.toString(), event("hirebuddha.tenant.status-changed.v1",
				Map.of("tenantId", tenant.toString(), "status", "SUSPENDED", "reason", "unpaid")));
		assertThat(statusWithin(Duration.ofSeconds(5), 403, () -> get("/api/v1/agents", headers))).isEqualTo(403);
		assertThat(get("/api/v1/agents", viaKey).statusCode()).as("the tenant's API keys too").isEqualTo(403);
		HttpResponse<String> refused = get("/api/v1/agents", headers);
		assertThat(this.json.readTree(refused.body()).path("type").asString())
			.isEqualTo("https://hirebuddha.dev/problems/tenant-suspended");
		publish("tenant.events", tenant.toString(), event("hirebuddha.tenant.status-changed.v1",
				Map.of("tenantId", tenant.toString(), "status", "ACTIVE")));
		assertThat(statusWithin(Duration.ofSeconds(5), 200, () -> get("/api/v1/agents", headers))).isEqualTo(200);
		assertThat(get("/api/v1/agents", viaKey).statusCode()).isEqualTo(200);
	}

	@Test
	void aGatewayRestartedOnAnEmptyRedisStillBlocksASuspendedTenant() throws Exception {
		UUID tenant = UUID.randomUUID();
		Map<String, String> headers = Map.of("Authorization", "Bearer " + TestTokens.user(tenant, "TENANT_ADMIN"));
		publish("tenant.events", tenant.toString(), event("hirebuddha.tenant.status-changed.v1",
				Map.of("tenantId", tenant.toString(), "status", "ACTIVE", "accessStatus", "SUSPENDED")));
		assertThat(statusWithin(Duration.ofSeconds(10), 403, () -> get("/api/v1/agents", headers))).isEqualTo(403);

		io.lettuce.core.RedisClient redis = io.lettuce.core.RedisClient.create("redis://127.0.0.1:6379/6");
		try (var connection = redis.connect()) {
			connection.sync().flushdb();
		}
		finally {
			redis.shutdown();
		}
		try (ConfigurableApplicationContext restarted = secondGateway("--spring.data.redis.database=6",
				"--spring.kafka.consumer.group-id=gateway-restarted-" + UUID.randomUUID())) {
			int otherPort = Integer.parseInt(restarted.getEnvironment().getProperty("local.server.port"));
			assertThat(statusWithin(Duration.ofSeconds(15), 403, () -> send(otherPort, "/api/v1/agents", headers)))
				.as("the compacted topic is replayed into the empty Redis")
				.isEqualTo(403);
		}
	}

	@Test
	void aSuspendedPartnersAdminsAreRefusedToo() throws Exception {
		UUID partner = UUID.randomUUID();
		Map<String, String> headers = Map.of("Authorization", "Bearer " + TestTokens
			.sign((claims) -> claims.claim("pid", partner.toString()).claim("roles", List.of("PARTNER_ADMIN"))));
		assertThat(get("/api/v1/agents", headers).statusCode()).isEqualTo(200);
		publish("tenant.events", partner.toString(), event("hirebuddha.partner.status-changed.v1",
				Map.of("partnerId", partner.toString(), "status", "SUSPENDED")));
		assertThat(statusWithin(Duration.ofSeconds(5), 403, () -> get("/api/v1/agents", headers))).isEqualTo(403);
		publish("tenant.events", partner.toString(), event("hirebuddha.partner.status-changed.v1",
				Map.of("partnerId", partner.toString(), "status", "ACTIVE")));
		assertThat(statusWithin(Duration.ofSeconds(5), 200, () -> get("/api/v1/agents", headers))).isEqualTo(200);
	}

	@Test
	void aTenantsPlanSetsItsRateLimit() throws Exception {
		UUID tenant = UUID.randomUUID();
		Map<String, String> headers = Map.of("Authorization", "Bearer " + TestTokens.user(tenant, "TENANT_MEMBER"));
		publish("tenant.events", tenant.toString(), event("hirebuddha.tenant.updated.v1", Map.of("tenantId",
				tenant.toString(), "status", "ACTIVE", "accessStatus", "ACTIVE", "requestsPerMinute", 3)));
		assertThat(statusWithin(Duration.ofSeconds(5), 200, () -> {
			HttpResponse<String> response = get("/api/v1/agents", headers);
			return "3".equals(response.headers().firstValue("RateLimit-Limit").orElse("")) ? response
					: get("/nothing-here", Map.of());
		})).isEqualTo(200);
		int admitted = 1;
		HttpResponse<String> last = null;
		for (int i = 0; i < 4; i++) {
			last = get("/api/v1/agents", headers);
			admitted += (last.statusCode() == 200) ? 1 : 0;
		}
		assertThat(admitted).as("3 per minute, as the plan says").isEqualTo(3);
		assertThat(last.statusCode()).isEqualTo(429);
	}

	@Test
	void anEndedSessionsTokensAreRefused() throws Exception {
		UUID session = UUID.randomUUID();
		Map<String, String> headers = Map.of("Authorization",
				"Bearer " + TestTokens.sign((claims) -> claims.claim("sid", session.toString())));
		assertThat(get("/api/v1/agents", headers).statusCode()).isEqualTo(200);
		publish("auth.events", UUID.randomUUID().toString(), event("hirebuddha.auth.session-revoked.v1", Map
			.of("sessionId", session.toString(), "accessTokensExpireBy", Instant.now().plusSeconds(900).toString())));
		assertThat(statusWithin(Duration.ofSeconds(10), 401, () -> get("/api/v1/agents", headers))).isEqualTo(401);
	}

	@Test
	void requestsWithoutCredentialsAreLimitedPerClientAddress() throws Exception {
		Map<String, String> client = Map.of("X-Forwarded-For",
				"203.0.113." + (1 + new java.util.Random().nextInt(250)));
		get("/api/v1/auth/login", client); // whatever this address had left from an
											// earlier run
		HttpResponse<String> last = null;
		for (int i = 0; i < 61; i++) {
			last = get("/api/v1/auth/login", client);
			if (last.statusCode() == 429) {
				break;
			}
		}
		assertThat(last.statusCode()).isEqualTo(429);
		assertThat(last.headers().firstValue("Retry-After")).isPresent();
		assertThat(get("/api/v1/auth/login", Map.of("X-Forwarded-For", "198.51.100.7")).statusCode())
			.as("another address is unaffected")
			.isEqualTo(200);
	}

	@Test
	void theServiceLearnsTheClientAddressFromTheTrustedProxyOnly() throws Exception {
		get("/api/v1/auth/login", Map.of("X-Forwarded-For", "192.0.2.66, 198.51.100.9"));
		assertThat(seenForwardedFor.get("/api/v1/auth/login")).as("the last hop the ingress saw")
			.isEqualTo("198.51.100.9");
	}

	@Test
	void answersCarrySecurityHeadersAndOversizedBodiesAreRefused() throws Exception {
		HttpResponse<String> console = get("/", Map.of());
		assertThat(console.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				(csp) -> assertThat(csp).contains("frame-ancestors 'none'").contains("script-src 'self'"));
		assertThat(console.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(console.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(console.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");

		byte[] big = new byte[3 * 1024 * 1024];
		HttpResponse<String> tooBig = this.http.send(HttpRequest.newBuilder(uri(this.port, "/api/v1/agents"))
			.header("Authorization", "Bearer " + TestTokens.platformAdmin())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(big))
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(tooBig.statusCode()).isEqualTo(413);

		HttpResponse<String> chunked = this.http.send(HttpRequest.newBuilder(uri(this.port, "/api/v1/agents"))
			.header("Authorization", "Bearer " + TestTokens.platformAdmin())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(chunked.statusCode()).as("a chunked body is counted as it streams").isEqualTo(413);

		HttpResponse<String> jsonToUploads = this.http
			.send(HttpRequest.newBuilder(uri(this.port, "/api/v1/knowledge-bases/" + UUID.randomUUID() + "/documents"))
				.header("Authorization", "Bearer " + TestTokens.platformAdmin())
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(big))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(jsonToUploads.statusCode()).as("JSON keeps its 2 MB limit on the upload path").isEqualTo(413);
	}

	@Test
	void everyAnswerTheGatewayWritesItselfIsAProblemWithTheSecurityHeaders() throws Exception {
		String token = "Bearer " + TestTokens.platformAdmin();
		HttpResponse<String> tooBig = this.http.send(HttpRequest.newBuilder(uri(this.port, "/api/v1/agents"))
			.header("Authorization", token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[3 * 1024 * 1024]))
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertProblemWithHeaders(tooBig.statusCode(), tooBig.headers(), tooBig.body(), 413, "payload-too-large");

		HttpResponse<String> trace = this.http.send(HttpRequest.newBuilder(uri(this.port, "/api/v1/agents"))
			.method("TRACE", HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertProblemWithHeaders(trace.statusCode(), trace.headers(), trace.body(), 405, "method-not-allowed");
		assertThat(trace.headers().firstValue("Allow"))
			.hasValueSatisfying((allow) -> assertThat(allow).contains("GET"));

		HttpResponse<String> hugeHeader = get("/api/v1/agents", Map.of("X-Big", "a".repeat(20_000)));
		assertProblemWithHeaders(hugeHeader.statusCode(), hugeHeader.headers(), hugeHeader.body(), 431,
				"header-too-large");

		HttpResponse<String> longKey = get("/api/v1/agents",
				Map.of("Authorization", token, "Idempotency-Key", "k".repeat(300)));
		assertProblemWithHeaders(longKey.statusCode(), longKey.headers(), longKey.body(), 400, "validation-failed");
		assertThat(this.json.readTree(longKey.body()).path("errors").get(0).path("field").asString())
			.isEqualTo("Idempotency-Key");

		// what Java's HTTP client will not send: raw bytes over a socket
		String control = raw("GET /api/v1/agents HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n\r\n");
		assertThat(control).startsWith("HTTP/1.1 400");
		assertRawProblem(control, "bad-request");
		String nonAscii = raw("GET /api/v1/agents HTTP/1.1\r\nHost: x\r\nAuthorization: " + token
				+ "\r\nIdempotency-Key: key\u00e2\u0080\u0094dash\r\n\r\n");
		assertThat(nonAscii).startsWith("HTTP/1.1 400");
		assertRawProblem(nonAscii, "validation-failed");
		assertThat(nonAscii).contains("\"field\":\"Idempotency-Key\"");
		String accented = raw("GET /api/v1/agents HTTP/1.1\r\nHost: x\r\nAuthorization: " + token
				+ "\r\nX-Device: Jos\u00c3\u00a9\u00e2\u0080\u0099s phone\r\n\r\n");
		assertThat(accented).as("UTF-8 in a header the platform does not read passes (José’s phone)")
			.startsWith("HTTP/1.1 200");
	}

	private void assertProblemWithHeaders(int status, java.net.http.HttpHeaders headers, String body, int expected,
			String type) {
		assertThat(status).as(body).isEqualTo(expected);
		assertThat(headers.firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(headers.firstValue("Content-Security-Policy"))
			.hasValueSatisfying((csp) -> assertThat(csp).contains("frame-ancestors 'none'"));
		assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(headers.firstValue("Cache-Control"))
			.hasValueSatisfying((cache) -> assertThat(cache).contains("no-store"));
		assertThat(this.json.readTree(body).path("type").asString())
			.isEqualTo("https://hirebuddha.dev/problems/" + type);
		assertThat(this.json.readTree(body).path("requestId").asString()).isNotBlank();
	}

	private static void assertRawProblem(String response, String type) {
		String lower = response.toLowerCase(java.util.Locale.ROOT);
		assertThat(lower).contains("content-type: application/problem+json")
			.contains("content-security-policy: default-src 'self'")
			.contains("x-content-type-options: nosniff")
			.contains("x-frame-options: deny");
		assertThat(response).contains("\"type\":\"https://hirebuddha.dev/problems/" + type + "\"")
			.contains("\"requestId\":");
	}

	// ISO-8859-1 in, so each char is the byte it stands for
	private String raw(String request) throws IOException {
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(5000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			try {
				for (int read; (read = socket.getInputStream().read(buffer)) > 0;) {
					answer.write(buffer, 0, read);
					String sofar = answer.toString(StandardCharsets.ISO_8859_1);
					int head = sofar.indexOf("\r\n\r\n");
					java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
						.matcher(sofar);
					if (head > 0 && length.find() && sofar.length() >= head + 4 + Integer.parseInt(length.group(1))) {
						break;
					}
				}
			}
			catch (java.net.SocketTimeoutException ex) {
				// what came is what there is
			}
			return answer.toString(StandardCharsets.ISO_8859_1);
		}
	}

	private static String randomAddress() {
		java.util.Random random = new java.util.Random();
		return "198.18." + random.nextInt(256) + "." + (1 + random.nextInt(254));
	}

	private ConfigurableApplicationContext secondGateway(String... overrides) {
		// command-line arguments: they outrank application.yml, as the test's own
		// properties do
		List<String> args = new ArrayList<>(
				List.of("--server.port=0", "--hb.gateway.jwk-set-uri=" + TestTokens.jwkSetUri(),
						"--hb.gateway.issuer=" + TestTokens.ISSUER, "--hb.gateway.auth-url=" + authUrl(),
						"--spring.kafka.bootstrap-servers=" + System.getProperty("spring.embedded.kafka.brokers"),
						"--spring.data.redis.database=" + GatewayTestSupport.REDIS_DATABASE,
						"--HB_ORCHESTRATION_URL=" + upstreamUrl()));
		for (String override : overrides) {
			String key = override.substring(0, override.indexOf('=') + 1);
			args.removeIf((arg) -> arg.startsWith(key));
			args.add(override);
		}
		return new SpringApplicationBuilder(GatewayApplication.class).run(args.toArray(String[]::new));
	}

	private static String authUrl() {
		return "http://127.0.0.1:" + servers.get(1).getAddress().getPort();
	}

	private static String upstreamUrl() {
		return "http://127.0.0.1:" + servers.get(0).getAddress().getPort();
	}

	private int statusWithin(Duration timeout, int expected, ThrowingGet request) throws Exception {
		Instant deadline = Instant.now().plus(timeout);
		int status;
		do {
			try {
				status = request.get().statusCode();
			}
			catch (java.net.http.HttpTimeoutException ex) {
				// a poll that hangs (seen once, with the loopback stand-ins) is retried,
				// not fatal: what is asserted is the status the gateway settles on
				System.err.println("poll timed out after 4 s; polling again");
				status = -1;
			}
			if (status == expected) {
				return status;
			}
			Thread.sleep(200);
		}
		while (Instant.now().isBefore(deadline));
		return status;
	}

	private void publish(String topic, String key, String value) {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("spring.embedded.kafka.brokers"),
						ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
						ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
			producer.send(new ProducerRecord<>(topic, key, value));
		}
	}

	private String event(String type, Map<String, Object> data) {
		return this.json.writeValueAsString(Map.of("id", UUID.randomUUID().toString(), "type", type, "source", "/test",
				"time", Instant.now().toString(), "data", data));
	}

	private JsonNode claims(String jwt) {
		return this.json.readTree(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
	}

	private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
		return send(this.port, path, headers);
	}

	private HttpResponse<String> send(int port, String path, Map<String, String> headers) throws Exception {
		// short: a poll that hangs (seen rarely on two cores, cause unknown,
		// docs/testing.md) must leave the polling loop time for the next one
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(4));
		headers.forEach(request::header);
		if (!headers.containsKey("X-Forwarded-For")) {
			request.header("X-Forwarded-For", this.clientAddress);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI uri(int port, String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private static HttpServer server() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.start();
		servers.add(server);
		return server;
	}

	private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
			throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	@FunctionalInterface
	private interface ThrowingGet {

		HttpResponse<String> get() throws Exception;

	}

}
