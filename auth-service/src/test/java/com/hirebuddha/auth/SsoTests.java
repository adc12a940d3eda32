package com.hirebuddha.auth;

import java.net.CookieManager;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.hirebuddha.auth.accounts.Users;
import com.hirebuddha.auth.sessions.Sessions;
import com.hirebuddha.commons.security.Roles;
import com.hirebuddha.commons.test.ServiceClient;
import com.hirebuddha.commons.test.ServiceTest;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single sign-on end to end against mock-oauth2-server on loopback: authorization code
 * with PKCE, the provider's subject linked to a local user, newcomers placed by
 * self-serve sign-up or by invitation, and the one-time code exchanged for a session.
 */
@ServiceTest
class SsoTests {

	private static final MockOAuth2Server provider = startProvider();

	private final JsonMapper json = JsonMapper.builder().build();

	private final int port;

	private final ServiceClient client;

	private final Users users;

	private final Sessions sessions;

	/** The cookie that binds the latest one-time code to the browser that signed in. */
	private String bindingCookie = "";

	SsoTests(@LocalServerPort int port, Users users, Sessions sessions) {
		this.port = port;
		this.client = new ServiceClient(port);
		this.users = users;
		this.sessions = sessions;
	}

	@DynamicPropertySource
	static void oidc(DynamicPropertyRegistry registry) {
		registry.add("hb.auth.tenant-service.url", TenantServiceStandIn::url);
		String prefix = "spring.security.oauth2.client.registration.mockidp.";
		registry.add(prefix + "client-id", () -> "hirebuddha-console");
		registry.add(prefix + "client-secret", () -> "test-secret");
		registry.add(prefix + "client-name", () -> "Mock IdP");
		registry.add(prefix + "scope", () -> "openid,email,profile");
		registry.add(prefix + "provider", () -> "mockidp");
		registry.add("spring.security.oauth2.client.provider.mockidp.issuer-uri",
				() -> provider.issuerUrl("default").toString());
	}

	@AfterAll
	static void stopProvider() {
		provider.shutdown();
	}

	@Test
	void aNewcomerSignsUpWithPkceAndComesBackAsTheSameUser() throws Exception {
		String email = "sso-" + UUID.randomUUID() + "@example.com";
		String subject = "idp-user-" + UUID.randomUUID();
		JsonNode providers = this.json.readTree(this.client.get("/api/v1/auth/sso/providers").body());
		assertThat(providers.path("items").get(0).path("id").asString()).isEqualTo("mockidp");

		String code = signInAtProvider(subject, email, "Grace Hopper");
		assertThat(exchangeWithCookie("", code).statusCode())
			.as("a code sent to another browser is useless (login CSRF)")
			.isEqualTo(401);
		JsonNode tokens = exchange(code);
		JsonNode me = me(tokens);
		assertThat(me.path("email").asString()).isEqualTo(email);
		assertThat(me.path("roles").get(0).asString()).isEqualTo("TENANT_ADMIN");
		assertThat(me.path("emailVerified").asBoolean()).isTrue();
		assertThat(TenantServiceStandIn.created).contains(UUID.fromString(me.path("tenantId").asString()));
		assertThat(exchangeWithCookie(this.bindingCookie, code).statusCode()).as("the one-time code works once")
			.isEqualTo(401);

		// the provider's subject is the link, even if the email changed at the provider
		JsonNode again = me(exchange(signInAtProvider(subject, "renamed-" + email, "Grace Hopper")));
		assertThat(again.path("userId").asString()).isEqualTo(me.path("userId").asString());
	}

	@Test
	void anInvitedEmailLandsInTheInvitingTenant() throws Exception {
		UUID tenant = UUID.randomUUID();
		String adminToken = this.sessions
			.start(this.users.create(new Users.NewUser("admin-" + UUID.randomUUID() + "@example.com", "Admin",
					Roles.TENANT_ADMIN, tenant, null), null, true))
			.accessToken();
		String email = "invited-" + UUID.randomUUID() + "@example.com";
		assertThat(this.client.withBearer(adminToken)
			.post("/api/v1/auth/invitations", "{\"email\":\"" + email + "\",\"role\":\"TENANT_MEMBER\"}")
			.statusCode()).isEqualTo(201);

		JsonNode me = me(exchange(signInAtProvider("idp-" + UUID.randomUUID(), email, "Invited Person")));
		assertThat(me.path("tenantId").asString()).isEqualTo(tenant.toString());
		assertThat(me.path("roles").get(0).asString()).isEqualTo("TENANT_MEMBER");
	}

	@Test
	void behindTheGatewayTheProviderSendsTheBrowserBackToTheGateway() throws Exception {
		HttpResponse<String> start = newBrowser()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/oauth2/authorization/mockidp"))
				.header("X-Forwarded-For", "198.51.100.4")
				.header("X-Forwarded-Proto", "https")
				.header("X-Forwarded-Host", "app.hirebuddha.example")
				.header("X-Forwarded-Port", "443")
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
		String redirect = java.net.URLDecoder.decode(start.headers().firstValue("Location").orElseThrow(),
				java.nio.charset.StandardCharsets.UTF_8);
		assertThat(redirect).contains("redirect_uri=https://app.hirebuddha.example/login/oauth2/code/mockidp");
	}

	@Test
	void anUnverifiedEmailFromTheProviderIsNotTrusted() throws Exception {
		provider.enqueueCallback(new DefaultOAuth2TokenCallback("default", "idp-" + UUID.randomUUID(), "JWT",
				List.of("hirebuddha-console"),
				Map.of("email", "unverified-" + UUID.randomUUID() + "@example.com", "email_verified", false), 3600));
		assertThat(finishAtProvider()).contains("sso_error=email-unverified");
	}

	@Test
	void aLocalAccountThatNeverProvedItsMailboxIsNotLinked() throws Exception {
		String email = "squatted-" + UUID.randomUUID() + "@example.com";
		this.users.create(new Users.NewUser(email, "Squatter", Roles.TENANT_ADMIN, UUID.randomUUID(), null), null,
				false);
		provider.enqueueCallback(new DefaultOAuth2TokenCallback("default", "idp-" + UUID.randomUUID(), "JWT",
				List.of("hirebuddha-console"), Map.of("email", email, "email_verified", true), 3600));
		assertThat(finishAtProvider()).contains("sso_error=account-unverified");
	}

	private String signInAtProvider(String subject, String email, String name) throws Exception {
		provider.enqueueCallback(new DefaultOAuth2TokenCallback("default", subject, "JWT",
				List.of("hirebuddha-console"), Map.of("email", email, "email_verified", true, "name", name), 3600));
		String location = finishAtProvider();
		assertThat(location).startsWith("http://console.test/?sso=");
		return location.substring("http://console.test/?sso=".length());
	}

	/** Walks the browser's redirects: ours to the provider, the provider back to us. */
	private String finishAtProvider() throws Exception {
		HttpClient browser = newBrowser();
		HttpResponse<String> start = get(browser, "http://127.0.0.1:" + this.port + "/oauth2/authorization/mockidp");
		assertThat(start.statusCode()).isEqualTo(302);
		String authorize = start.headers().firstValue("Location").orElseThrow();
		assertThat(authorize).startsWith(provider.issuerUrl("default").toString())
			.contains("code_challenge=")
			.contains("code_challenge_method=S256")
			.contains("state=")
			.contains("nonce=");
		HttpResponse<String> atProvider = get(browser, authorize);
		assertThat(atProvider.statusCode()).isEqualTo(302);
		String callback = atProvider.headers().firstValue("Location").orElseThrow();
		assertThat(callback).startsWith("http://127.0.0.1:" + this.port + "/login/oauth2/code/mockidp");
		HttpResponse<String> back = get(browser, callback);
		this.bindingCookie = back.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> cookie.startsWith("hb_sso_binding="))
			.map((cookie) -> cookie.substring(0, cookie.indexOf(';')))
			.findFirst()
			.orElse("");
		assertThat(back.statusCode()).isEqualTo(302);
		return back.headers().firstValue("Location").orElseThrow();
	}

	private JsonNode exchange(String code) throws Exception {
		HttpResponse<String> response = exchangeWithCookie(this.bindingCookie, code);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	/**
	 * The console's request, carrying the binding cookie as a browser would send it
	 * (Java's cookie manager would quote the value, which no browser does).
	 */
	private HttpResponse<String> exchangeWithCookie(String cookie, String code) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/auth/sso/exchange"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\"}"))
			.timeout(Duration.ofSeconds(10));
		if (!cookie.isEmpty()) {
			request.header("Cookie", cookie);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpClient newBrowser() {
		return HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	private JsonNode me(JsonNode tokens) throws Exception {
		return this.json
			.readTree(this.client.withBearer(tokens.path("accessToken").asString()).get("/api/v1/auth/me").body());
	}

	private static HttpResponse<String> get(HttpClient browser, String url) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static MockOAuth2Server startProvider() {
		MockOAuth2Server server = new MockOAuth2Server();
		server.start(InetAddress.getLoopbackAddress(), 0);
		return server;
	}

}
