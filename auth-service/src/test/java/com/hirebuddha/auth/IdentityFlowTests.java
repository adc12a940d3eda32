package com.hirebuddha.auth;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.hirebuddha.auth.accounts.Users;
import com.hirebuddha.auth.keys.SigningKeys;
import com.hirebuddha.auth.sessions.Sessions;
import com.hirebuddha.commons.events.Topics;
import com.hirebuddha.commons.test.ServiceClient;
import com.hirebuddha.commons.test.ServiceTest;
import com.hirebuddha.commons.test.TopicProbe;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account and session flows over HTTP against real PostgreSQL and Kafka: register,
 * sign in, refresh with rotation and reuse detection, concurrency, sign out, throttling,
 * email verification, password reset and key rotation.
 */
@ServiceTest
class IdentityFlowTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final ServiceClient client;

	private final JdbcClient jdbc;

	private final SigningKeys keys;

	private final String bootstrapServers;

	private final String baseUrl;

	private final String clientAddress = randomAddress();

	private final Users users;

	private final Sessions sessions;

	IdentityFlowTests(@LocalServerPort int port, JdbcClient jdbc, SigningKeys keys, Users users, Sessions sessions,
			@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
		this.users = users;
		this.sessions = sessions;
		this.client = new ServiceClient(port);
		this.baseUrl = "http://127.0.0.1:" + port;
		this.jdbc = jdbc;
		this.keys = keys;
		this.bootstrapServers = bootstrapServers;
	}

	@DynamicPropertySource
	static void tenantService(DynamicPropertyRegistry registry) {
		registry.add("hb.auth.tenant-service.url", TenantServiceStandIn::url);
	}

	@Test
	void registerThenLoginThenMeThenRefresh() throws Exception {
		String email = email();
		HttpResponse<String> registered = register(email, "a long and unusual passphrase");
		assertThat(registered.statusCode()).isEqualTo(201);
		JsonNode ids = this.json.readTree(registered.body());
		assertThat(TenantServiceStandIn.created).contains(UUID.fromString(ids.path("tenantId").asString()));

		JsonNode tokens = login(email, "a long and unusual passphrase");
		assertThat(tokens.path("tokenType").asString()).isEqualTo("Bearer");
		assertThat(tokens.path("expiresIn").asLong()).isEqualTo(900);

		JsonNode me = me(tokens.path("accessToken").asString());
		assertThat(me.path("userId").asString()).isEqualTo(ids.path("userId").asString());
		assertThat(me.path("tenantId").asString()).isEqualTo(ids.path("tenantId").asString());
		assertThat(me.path("email").asString()).isEqualTo(email);
		assertThat(me.path("roles").get(0).asString()).isEqualTo("TENANT_ADMIN");
		assertThat(me.path("emailVerified").asBoolean()).isFalse();

		HttpResponse<String> refreshed = refresh(tokens.path("refreshToken").asString());
		assertThat(refreshed.statusCode()).isEqualTo(200);
		JsonNode next = this.json.readTree(refreshed.body());
		assertThat(next.path("refreshToken").asString()).isNotEqualTo(tokens.path("refreshToken").asString());
		assertThat(me(next.path("accessToken").asString()).path("userId").asString())
			.isEqualTo(ids.path("userId").asString());
		assertThat(this.jdbc.sql("select count(*) from refresh_token where token_hash = :hash")
			.param("hash", Secrets.hash(next.path("refreshToken").asString()))
			.query(Long.class)
			.single()).as("stored hashed").isEqualTo(1);
	}

	@Test
	void replayingAUsedRefreshTokenRevokesTheWholeFamily() throws Exception {
		JsonNode first = login(registered(), "a long and unusual passphrase");
		JsonNode second = this.json.readTree(refresh(first.path("refreshToken").asString()).body());

		HttpResponse<String> replay = refresh(first.path("refreshToken").asString());
		assertThat(replay.statusCode()).isEqualTo(401);
		assertThat(this.json.readTree(replay.body()).path("type").asString())
			.isEqualTo("https://hirebuddha.dev/problems/invalid-refresh-token");
		assertThat(refresh(second.path("refreshToken").asString()).statusCode())
			.as("the newer token of the family dies too")
			.isEqualTo(401);
		try (TopicProbe probe = new TopicProbe(this.bootstrapServers, Topics.AUTH_EVENTS)) {
			String sid = claim(second.path("accessToken").asString(), "sid");
			List<ConsumerRecord<String, String>> revoked = probe.await(
					(r) -> r.value().contains("session-revoked") && r.value().contains(sid), 1, Duration.ofSeconds(20));
			assertThat(this.json.readTree(revoked.get(0).value()).path("data").path("reason").asString())
				.isEqualTo("reuse-detected");
		}
	}

	@Test
	void tenConcurrentRefreshesOfOneTokenGiveExactlyOneSuccess() throws Exception {
		String refreshToken = login(registered(), "a long and unusual passphrase").path("refreshToken").asString();
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Integer>> results = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
			for (int i = 0; i < 10; i++) {
				Callable<Integer> attempt = () -> {
					start.await();
					return refresh(refreshToken).statusCode();
				};
				results.add(pool.submit(attempt));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> result : results) {
				statuses.add(result.get());
			}
			assertThat(statuses).containsOnly(200, 401);
			assertThat(statuses.stream().filter((status) -> status == 200).count()).isEqualTo(1);
		}
	}

	@Test
	void logoutEndsTheSession() throws Exception {
		JsonNode tokens = login(registered(), "a long and unusual passphrase");
		HttpResponse<String> logout = this.client.withBearer(tokens.path("accessToken").asString())
			.post("/api/v1/auth/logout", "{}");
		assertThat(logout.statusCode()).isEqualTo(204);
		assertThat(refresh(tokens.path("refreshToken").asString()).statusCode()).isEqualTo(401);
		try (TopicProbe probe = new TopicProbe(this.bootstrapServers, Topics.AUTH_EVENTS)) {
			String sid = claim(tokens.path("accessToken").asString(), "sid");
			probe.await((r) -> r.value().contains("session-revoked") && r.value().contains(sid), 1,
					Duration.ofSeconds(20));
		}
	}

	@Test
	void wrongPasswordsLockTheAccountWithRetryAfterAndUnknownEmailsLookTheSame() throws Exception {
		String email = registered();
		HttpResponse<String> unknown = loginResponse("nobody-" + UUID.randomUUID() + "@example.com", "whatever pass");
		HttpResponse<String> wrong = loginResponse(email, "not the password at all");
		assertThat(unknown.statusCode()).isEqualTo(401);
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(this.json.readTree(unknown.body()).path("detail").asString())
			.isEqualTo(this.json.readTree(wrong.body()).path("detail").asString());
		for (int i = 0; i < 4; i++) {
			assertThat(loginResponse(email, "not the password at all").statusCode()).isEqualTo(401);
		}
		HttpResponse<String> locked = loginResponse(email, "a long and unusual passphrase");
		assertThat(locked.statusCode()).as("locked even with the right password").isEqualTo(429);
		assertThat(locked.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Long.parseLong(seconds)).isBetween(1L, 900L));
	}

	@Test
	void aPartnerAdminCreatesTheFirstAdminOfATenantItMaySeeOnly() throws Exception {
		UUID partner = UUID.randomUUID();
		String partnerToken = this.sessions
			.start(this.users.create(new Users.NewUser("partner-" + UUID.randomUUID() + "@example.com", "Partner",
					"PARTNER_ADMIN", null, partner), null, true))
			.accessToken();
		UUID tenant = UUID.randomUUID();
		TenantServiceStandIn.visible.add(tenant);
		ServiceClient asPartner = this.client.withBearer(partnerToken);
		String email = email();

		HttpResponse<String> created = asPartner.post("/api/v1/auth/tenant-admins",
				"{\"tenantId\":\"" + tenant + "\",\"email\":\"" + email
						+ "\",\"name\":\"First Admin\",\"password\":\"a long and unusual passphrase\"}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode me = me(login(email, "a long and unusual passphrase").path("accessToken").asString());
		assertThat(me.path("tenantId").asString()).isEqualTo(tenant.toString());
		assertThat(me.path("roles").get(0).asString()).isEqualTo("TENANT_ADMIN");

		assertThat(asPartner
			.post("/api/v1/auth/tenant-admins",
					"{\"tenantId\":\"" + tenant + "\",\"email\":\"" + email() + "\",\"name\":\"Invited\"}")
			.statusCode()).as("without a password: invited by email").isEqualTo(202);
		assertThat(asPartner
			.post("/api/v1/auth/tenant-admins",
					"{\"tenantId\":\"" + UUID.randomUUID() + "\",\"email\":\"" + email() + "\",\"name\":\"X\"}")
			.statusCode()).as("a tenant tenant-service does not show the caller").isEqualTo(404);
		assertThat(this.client.withBearer(login(email, "a long and unusual passphrase").path("accessToken").asString())
			.post("/api/v1/auth/tenant-admins",
					"{\"tenantId\":\"" + tenant + "\",\"email\":\"" + email() + "\",\"name\":\"X\"}")
			.statusCode()).as("tenant admins use invitations instead").isEqualTo(403);
	}

	@Test
	void parallelGuessesGetNoMoreTriesThanTheAllowance() throws Exception {
		String email = registered();
		List<Future<Integer>> results = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
			for (int i = 0; i < 20; i++) {
				String address = randomAddress();
				results.add(pool.submit(() -> loginFrom(address, email, "a wrong guess").statusCode()));
			}
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> result : results) {
				statuses.add(result.get());
			}
			assertThat(statuses.stream().filter((status) -> status == 401).count())
				.as("password checks actually made: %s", statuses)
				.isLessThanOrEqualTo(5);
			assertThat(statuses).containsOnly(401, 429);
		}
	}

	@Test
	void manyFailedSignInsFromOneAddressLockThatAddressButNotOthers() throws Exception {
		String email = registered();
		String address = randomAddress();
		for (int i = 0; i < 50; i++) {
			assertThat(loginFrom(address, "guess-" + i + "-" + UUID.randomUUID() + "@example.com", "wrong password")
				.statusCode()).isEqualTo(401);
		}
		HttpResponse<String> locked = loginFrom(address, email, "a long and unusual passphrase");
		assertThat(locked.statusCode()).as("the address is locked, whichever account").isEqualTo(429);
		assertThat(locked.headers().firstValue("Retry-After")).isPresent();
		assertThat(loginFrom(randomAddress(), email, "a long and unusual passphrase").statusCode())
			.as("the account itself is fine from elsewhere")
			.isEqualTo(200);
	}

	@Test
	void weakPasswordsAndBadInputAreRefusedAndChangeNothing() throws Exception {
		long before = this.jdbc.sql("select count(*) from app_user").query(Long.class).single();
		int tenantsBefore = TenantServiceStandIn.created.size();
		for (String password : List.of("short", "123456789000", "123123QWEQWE", "aaaaaaaaaaaaaaaa")) {
			HttpResponse<String> response = register(email(), password);
			assertThat(response.statusCode()).as(password).isEqualTo(422);
			assertThat(this.json.readTree(response.body()).path("type").asString())
				.isEqualTo("https://hirebuddha.dev/problems/weak-password");
		}
		assertThat(this.client.post("/api/v1/auth/register", "{\"email\":\"not-an-email\"}").statusCode())
			.isEqualTo(400);
		assertThat(this.client.post("/api/v1/auth/register", "not json").statusCode()).isEqualTo(400);
		String taken = registered();
		assertThat(register(taken, "another long passphrase").statusCode()).isEqualTo(409);
		assertThat(this.jdbc.sql("select count(*) from app_user").query(Long.class).single()).isEqualTo(before + 1);
		assertThat(TenantServiceStandIn.created).hasSize(tenantsBefore + 1);
	}

	@Test
	void whenTheUserCannotBeCreatedTheNewTenantIsClosedAgain() throws Exception {
		String email = email();
		// another registration of the same email lands while the tenant is being created
		TenantServiceStandIn.onCreate.put(email, (body) -> {
			if (body.contains("Racing Co")) {
				this.jdbc
					.sql("insert into app_user (id, email, name, role, created_at, updated_at) "
							+ "values (:id, :email, 'Winner', 'TENANT_ADMIN', now(), now())")
					.param("id", UUID.randomUUID())
					.param("email", email)
					.update();
			}
		});
		try {
			HttpResponse<String> response = this.client.post("/api/v1/auth/register",
					body(email, "a long and unusual passphrase", "Racing Co"));
			assertThat(response.statusCode()).isEqualTo(409);
		}
		finally {
			TenantServiceStandIn.onCreate.remove(email);
		}
		UUID orphan = TenantServiceStandIn.created.get(TenantServiceStandIn.created.size() - 1);
		assertThat(TenantServiceStandIn.closed).as("the compensating step closed the tenant").contains(orphan);
	}

	@Test
	void emailVerificationTokenWorksOnceAndIsStoredHashed() throws Exception {
		String email = email();
		try (TopicProbe probe = new TopicProbe(this.bootstrapServers, Topics.AUTH_EVENTS)) {
			register(email, "a long and unusual passphrase");
			String link = probe
				.await((r) -> r.value().contains("email-verification-requested") && r.value().contains(email), 1,
						Duration.ofSeconds(20))
				.get(0)
				.value();
			String token = this.json.readTree(link).path("data").path("link").asString().split("verify-email=")[1];
			assertThat(this.jdbc.sql("select count(*) from one_time_token where token_hash = :hash")
				.param("hash", Secrets.hash(token))
				.query(Long.class)
				.single()).isEqualTo(1);
			String body = "{\"token\":\"" + token + "\"}";
			assertThat(this.client.post("/api/v1/auth/verify-email", body).statusCode()).isEqualTo(204);
			assertThat(this.client.post("/api/v1/auth/verify-email", body).statusCode()).isEqualTo(422);
			JsonNode tokens = login(email, "a long and unusual passphrase");
			assertThat(me(tokens.path("accessToken").asString()).path("emailVerified").asBoolean()).isTrue();
		}
	}

	@Test
	void passwordResetChangesThePasswordAndEndsEverySession() throws Exception {
		String email = registered();
		JsonNode before = login(email, "a long and unusual passphrase");
		try (TopicProbe probe = new TopicProbe(this.bootstrapServers, Topics.AUTH_EVENTS)) {
			assertThat(this.client.post("/api/v1/auth/password-reset", "{\"email\":\"" + email + "\"}").statusCode())
				.isEqualTo(202);
			assertThat(this.client
				.post("/api/v1/auth/password-reset", "{\"email\":\"nobody-" + UUID.randomUUID() + "@example.com\"}")
				.statusCode()).as("unknown emails get the same answer").isEqualTo(202);
			String event = probe
				.await((r) -> r.value().contains("password-reset-requested") && r.value().contains(email), 1,
						Duration.ofSeconds(20))
				.get(0)
				.value();
			String token = this.json.readTree(event).path("data").path("link").asString().split("reset-password=")[1];
			assertThat(this.client
				.post("/api/v1/auth/password-reset/confirm", "{\"token\":\"" + token + "\",\"password\":\"password\"}")
				.statusCode()).as("the policy applies").isEqualTo(422);
			assertThat(this.client
				.post("/api/v1/auth/password-reset/confirm",
						"{\"token\":\"" + token + "\",\"password\":\"a brand new passphrase\"}")
				.statusCode()).isEqualTo(204);
		}
		assertThat(refresh(before.path("refreshToken").asString()).statusCode()).isEqualTo(401);
		assertThat(loginResponse(email, "a long and unusual passphrase").statusCode()).isEqualTo(401);
		assertThat(login(email, "a brand new passphrase").path("accessToken").asString()).isNotEmpty();
	}

	@Test
	void rotatedKeysArePublishedAndOldTokensStayValidUntilTheyExpire() throws Exception {
		String oldToken = login(registered(), "a long and unusual passphrase").path("accessToken").asString();
		String oldKid = header(oldToken, "kid");
		this.keys.rotateNow();
		String newToken = login(registered(), "a long and unusual passphrase").path("accessToken").asString();
		assertThat(header(newToken, "kid")).isNotEqualTo(oldKid);
		assertThat(header(newToken, "alg")).isEqualTo("ES256");
		assertThat(header(newToken, "typ")).isEqualTo("at+jwt");
		JsonNode jwks = this.json.readTree(this.client.get("/.well-known/jwks.json").body());
		List<String> kids = new ArrayList<>();
		jwks.path("keys").forEach((key) -> kids.add(key.path("kid").asString()));
		assertThat(kids).contains(oldKid, header(newToken, "kid"));
		jwks.path("keys").forEach((key) -> assertThat(key.has("d")).as("no private parts").isFalse());
		assertThat(me(oldToken).path("email").asString()).isNotEmpty();
		assertThat(this.jdbc.sql("select count(*) from signing_key where private_key::text like '%\"d\"%'")
			.query(Long.class)
			.single()).as("private keys are encrypted at rest").isZero();
	}

	private String registered() throws Exception {
		String email = email();
		assertThat(register(email, "a long and unusual passphrase").statusCode()).isEqualTo(201);
		return email;
	}

	private HttpResponse<String> register(String email, String password) throws Exception {
		return this.client.post("/api/v1/auth/register", body(email, password, "Acme " + UUID.randomUUID()));
	}

	private String body(String email, String password, String company) {
		return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"name\":\"Ada\",\"companyName\":\""
				+ company + "\"}";
	}

	private JsonNode login(String email, String password) throws Exception {
		HttpResponse<String> response = loginResponse(email, password);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private HttpResponse<String> loginResponse(String email, String password) throws Exception {
		return loginFrom(this.clientAddress, email, password);
	}

	/**
	 * Signs in as the gateway would forward it: the client's address in
	 * {@code X-Forwarded-For}, which the service trusts from loopback only. Each test
	 * instance is its own client, so failures of earlier runs never add up on one
	 * address.
	 */
	private HttpResponse<String> loginFrom(String address, String email, String password) throws Exception {
		return java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(this.baseUrl + "/api/v1/auth/login"))
				.header("Content-Type", "application/json")
				.header("X-Forwarded-For", address)
				.POST(java.net.http.HttpRequest.BodyPublishers
					.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String randomAddress() {
		java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
		return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
	}

	private HttpResponse<String> refresh(String refreshToken) throws Exception {
		return this.client.post("/api/v1/auth/refresh", "{\"refreshToken\":\"" + refreshToken + "\"}");
	}

	private JsonNode me(String accessToken) throws Exception {
		HttpResponse<String> response = this.client.withBearer(accessToken).get("/api/v1/auth/me");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private String claim(String jwt, String name) {
		return part(jwt, 1).path(name).asString();
	}

	private String header(String jwt, String name) {
		return part(jwt, 0).path(name).asString();
	}

	private JsonNode part(String jwt, int index) {
		return this.json.readTree(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[index]));
	}

	private static String email() {
		return "user-" + UUID.randomUUID() + "@example.com";
	}

}
