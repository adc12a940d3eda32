package com.hirebuddha.tenant.organizations;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.hirebuddha.commons.events.Topics;
import com.hirebuddha.commons.test.ServiceClient;
import com.hirebuddha.commons.test.ServiceTest;
import com.hirebuddha.commons.test.TestTokens;
import com.hirebuddha.commons.tenancy.DbScope;
import com.hirebuddha.commons.test.TopicProbe;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The organization tree over HTTP: partners onboard and manage only their own tenants,
 * tenants see only themselves, every status change is audited and announced with the
 * access status the gateway enforces, and a partner's suspension reaches its tenants.
 */
@ServiceTest
class OrganizationTreeTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final ServiceClient client;

	private final ServiceClient platform;

	private final JdbcClient jdbc;

	private final String bootstrapServers;

	OrganizationTreeTests(@LocalServerPort int port, JdbcClient jdbc,
			@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
		this.client = new ServiceClient(port);
		this.platform = this.client.withBearer(TestTokens.platformAdmin());
		this.jdbc = jdbc;
		this.bootstrapServers = bootstrapServers;
	}

	@DynamicPropertySource
	static void authService(DynamicPropertyRegistry registry) {
		registry.add("HB_AUTH_URL", AuthServiceStandIn::url);
	}

	@Test
	void aPartnerAdminOnboardsAndManagesOnlyItsOwnTenants() throws Exception {
		UUID mine = partner("Mine Reseller");
		UUID theirs = partner("Their Reseller");
		ServiceClient me = partnerAdmin(mine);
		ServiceClient them = partnerAdmin(theirs);

		HttpResponse<String> onboarded = me.post("/api/v1/partners/" + mine + "/tenants",
				"{\"name\":\"Customer One\",\"adminEmail\":\"one@example.com\",\"adminPassword\":\"a long passphrase here\"}");
		assertThat(onboarded.statusCode()).as(onboarded.body()).isEqualTo(201);
		JsonNode tenant = this.json.readTree(onboarded.body());
		String id = tenant.path("id").asString();
		assertThat(tenant.path("partnerId").asString()).isEqualTo(mine.toString());
		assertThat(AuthServiceStandIn.requests)
			.anySatisfy((request) -> assertThat(request).as("the admin is created with the caller's own token")
				.startsWith("Bearer ")
				.contains(id));

		assertThat(me.get("/api/v1/tenants/" + id).statusCode()).isEqualTo(200);
		assertThat(ids(me.get("/api/v1/tenants?size=200"))).contains(id);
		assertThat(them.get("/api/v1/tenants/" + id).statusCode()).as("another partner's tenant").isEqualTo(404);
		assertThat(ids(them.get("/api/v1/tenants?size=200"))).doesNotContain(id);
		assertThat(them.send("PATCH", "/api/v1/tenants/" + id, "{\"name\":\"Hijacked\"}").statusCode()).isEqualTo(404);
		assertThat(them.post("/api/v1/tenants/" + id + "/suspend", "{\"reason\":\"mine now\"}").statusCode())
			.isEqualTo(404);
		assertThat(them
			.post("/api/v1/partners/" + mine + "/tenants", "{\"name\":\"Sneaky\",\"adminEmail\":\"x@example.com\"}")
			.statusCode()).isEqualTo(404);
		assertThat(them.get("/api/v1/partners/" + mine).statusCode()).isEqualTo(404);
		assertThat(this.json.readTree(me.get("/api/v1/tenants/" + id).body()).path("name").asString())
			.isEqualTo("Customer One");
	}

	@Test
	void aTenantAdminSeesAndChangesOnlyItsOwnTenantAndNotItsLimits() throws Exception {
		String mine = platformTenant("Self Co");
		String theirs = platformTenant("Other Co");
		ServiceClient admin = this.client.withBearer(TestTokens.user(UUID.fromString(mine), "TENANT_ADMIN"));
		String subdomain = "self-" + UUID.randomUUID().toString().substring(0, 8);

		HttpResponse<String> updated = admin.send("PATCH", "/api/v1/tenants/" + mine,
				"{\"name\":\"Self Company\",\"subdomain\":\"" + subdomain + "\",\"defaultModel\":\"sim-1\"}");
		assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
		assertThat(this.json.readTree(updated.body()).path("subdomain").asString()).isEqualTo(subdomain);
		assertThat(admin.send("PATCH", "/api/v1/tenants/" + mine, "{\"limits\":{\"requestsPerMinute\":100000}}")
			.statusCode()).isEqualTo(403);
		assertThat(admin.get("/api/v1/tenants/" + theirs).statusCode()).isEqualTo(404);
		assertThat(admin.send("PATCH", "/api/v1/tenants/" + theirs, "{\"name\":\"x\"}").statusCode()).isEqualTo(404);
		assertThat(ids(admin.get("/api/v1/tenants?size=200"))).containsExactly(mine);
		assertThat(admin.post("/api/v1/tenants/" + mine + "/suspend", "{\"reason\":\"no\"}").statusCode())
			.as("tenants do not suspend themselves")
			.isEqualTo(403);

		ServiceClient other = this.client.withBearer(TestTokens.user(UUID.fromString(theirs), "TENANT_ADMIN"));
		HttpResponse<String> taken = other.send("PATCH", "/api/v1/tenants/" + theirs,
				"{\"subdomain\":\"" + subdomain + "\"}");
		assertThat(taken.statusCode()).isEqualTo(409);
		assertThat(other.send("PATCH", "/api/v1/tenants/" + theirs, "{\"subdomain\":\"www\"}").statusCode())
			.isEqualTo(422);
		assertThat(other.send("PATCH", "/api/v1/tenants/" + theirs, "{\"subdomain\":\"Not Valid!\"}").statusCode())
			.isEqualTo(400);
		assertThat(this.platform
			.send("PATCH", "/api/v1/tenants/" + theirs, "{\"limits\":{\"requestsPerMinute\":120,\"storageMb\":512}}")
			.statusCode()).isEqualTo(200);
	}

	@Test
	void suspensionAndReactivationAreAuditedAndAnnouncedWithTheAccessStatus() throws Exception {
		UUID partner = partner("Lifecycle Reseller");
		ServiceClient admin = partnerAdmin(partner);
		String id = this.json
			.readTree(
					admin
						.post("/api/v1/partners/" + partner + "/tenants",
								"{\"name\":\"Lifecycle Co\",\"adminEmail\":\"lc@example.com\"}")
						.body())
			.path("id")
			.asString();
		try (TopicProbe probe = new TopicProbe(this.bootstrapServers, Topics.TENANT_EVENTS)) {
			HttpResponse<String> suspended = admin.post("/api/v1/tenants/" + id + "/suspend",
					"{\"reason\":\"invoice 42 unpaid\",\"reasonCode\":\"PAYMENT_OVERDUE\"}");
			assertThat(suspended.statusCode()).isEqualTo(200);
			assertThat(this.json.readTree(suspended.body()).path("status").asString()).isEqualTo("SUSPENDED");
			JsonNode event = statusEvent(probe, id, "SUSPENDED", 1);
			assertThat(event.path("reasonCode").asString()).isEqualTo("PAYMENT_OVERDUE");

			assertThat(admin.post("/api/v1/tenants/" + id + "/activate", "{\"reason\":\"paid\"}").statusCode())
				.isEqualTo(200);
			statusEvent(probe, id, "ACTIVE", 1);

			// the partner's suspension reaches its tenant's access, not its own status
			assertThat(this.platform.post("/api/v1/partners/" + partner + "/suspend", "{\"reason\":\"contract ended\"}")
				.statusCode()).isEqualTo(200);
			JsonNode cascaded = statusEvent(probe, id, "SUSPENDED", 2);
			assertThat(cascaded.path("status").asString()).isEqualTo("ACTIVE");
			assertThat(this.platform.post("/api/v1/partners/" + partner + "/activate", "{\"reason\":\"renewed\"}")
				.statusCode()).isEqualTo(200);
			statusEvent(probe, id, "ACTIVE", 2);
		}
		JsonNode history = this.json.readTree(admin.get("/api/v1/tenants/" + id + "/status-history").body());
		assertThat(history.path("items")).hasSize(2);
		assertThat(history.path("items").get(1).path("to").asString()).isEqualTo("SUSPENDED");
		assertThat(history.path("items").get(1).path("reason").asString()).isEqualTo("invoice 42 unpaid");
		assertThat(history.path("items").get(1).path("actor").asString()).isNotBlank();
		assertThat(this.jdbc.sql("select count(*) from organization_status_change where org_id = :id")
			.param("id", partner)
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void anApiKeyManagesTenantsOnlyWithTheScopeForIt() throws Exception {
		UUID partner = partner("Keyed Reseller");
		String id = this.json
			.readTree(partnerAdmin(partner).post("/api/v1/partners/" + partner + "/tenants",
					"{\"name\":\"Keyed Co\",\"adminEmail\":\"k@example.com\"}")
				.body())
			.path("id")
			.asString();
		ServiceClient readOnly = partnerKey(partner, "agents:read tenants:read");
		assertThat(readOnly.get("/api/v1/tenants/" + id).statusCode()).isEqualTo(200);
		HttpResponse<String> refused = readOnly.post("/api/v1/tenants/" + id + "/suspend", "{\"reason\":\"x\"}");
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(this.json.readTree(refused.body()).path("type").asString())
			.isEqualTo("https://hirebuddha.dev/problems/insufficient-scope");
		assertThat(partnerKey(partner, "agents:read").get("/api/v1/tenants/" + id).statusCode()).isEqualTo(403);
		assertThat(partnerKey(partner, "tenants:write")
			.post("/api/v1/tenants/" + id + "/suspend", "{\"reason\":\"by key\"}")
			.statusCode()).isEqualTo(200);
		long before = this.jdbc.sql("select count(*) from tenant where partner_id = :p")
			.param("p", partner)
			.query(Long.class)
			.single();
		assertThat(partnerKey(partner, "tenants:write")
			.post("/api/v1/partners/" + partner + "/tenants", "{\"name\":\"Nope\",\"adminEmail\":\"n@example.com\"}")
			.statusCode()).as("onboarding needs a signed-in user").isEqualTo(403);
		assertThat(this.jdbc.sql("select count(*) from tenant where partner_id = :p")
			.param("p", partner)
			.query(Long.class)
			.single()).as("and leaves nothing behind").isEqualTo(before);
	}

	@Test
	void aQueryThatForgetsTheTenantFilterStillReturnsNoForeignRows() {
		UUID mine = UUID.fromString(platformTenantUnchecked("Walled Co"));
		platformTenantUnchecked("Neighbour Co");
		// no "where id = …": row-level security filters by the session's scope
		List<UUID> seen = DbScope.run(DbScope.tenant(mine),
				() -> this.jdbc.sql("select id from tenant").query(UUID.class).list());
		assertThat(seen).containsExactly(mine);
		assertThat(DbScope.run(DbScope.ANONYMOUS,
				() -> this.jdbc.sql("select count(*) from tenant").query(Long.class).single()))
			.isZero();
	}

	@Test
	void whenTheAdminIsRefusedTheTenantIsClosedAndTheRefusalPassesThrough() throws Exception {
		UUID partner = partner("Careful Reseller");
		HttpResponse<String> refused = partnerAdmin(partner).post("/api/v1/partners/" + partner + "/tenants",
				"{\"name\":\"Doomed Co\",\"adminEmail\":\"taken@example.com\",\"adminPassword\":\"a long passphrase\"}");
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(this.json.readTree(refused.body()).path("type").asString())
			.isEqualTo("https://hirebuddha.dev/problems/email-taken");
		assertThat(this.jdbc.sql("select status from tenant where name = 'Doomed Co' and partner_id = :partner")
			.param("partner", partner)
			.query(String.class)
			.single()).isEqualTo("CLOSED");
	}

	/** The n-th status event of a tenant that gives it this access status. */
	private JsonNode statusEvent(TopicProbe probe, String tenantId, String accessStatus, int occurrence) {
		List<ConsumerRecord<String, String>> records = probe.await(
				(r) -> tenantId.equals(r.key()) && r.value().contains("status-changed")
						&& accessStatus
							.equals(this.json.readTree(r.value()).path("data").path("accessStatus").asString()),
				occurrence, Duration.ofSeconds(20));
		assertThat(records).hasSizeGreaterThanOrEqualTo(occurrence);
		return this.json.readTree(records.get(occurrence - 1).value()).path("data");
	}

	private UUID partner(String name) throws Exception {
		HttpResponse<String> created = this.platform.post("/api/v1/partners",
				"{\"name\":\"" + name + " " + UUID.randomUUID() + "\"}");
		assertThat(created.statusCode()).isEqualTo(201);
		return UUID.fromString(this.json.readTree(created.body()).path("id").asString());
	}

	private String platformTenant(String name) throws Exception {
		return this.json.readTree(this.platform.post("/api/v1/tenants", "{\"name\":\"" + name + "\"}").body())
			.path("id")
			.asString();
	}

	private String platformTenantUnchecked(String name) {
		try {
			return platformTenant(name);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ServiceClient partnerKey(UUID partner, String scopes) {
		return this.client.withBearer(TestTokens.sign((claims) -> claims.claim("pid", partner.toString())
			.claim("roles", List.of("PARTNER_ADMIN"))
			.claim("typ", "api-key")
			.claim("scope", scopes)));
	}

	private ServiceClient partnerAdmin(UUID partner) {
		return this.client.withBearer(TestTokens
			.sign((claims) -> claims.claim("pid", partner.toString()).claim("roles", List.of("PARTNER_ADMIN"))));
	}

	private List<String> ids(HttpResponse<String> page) {
		List<String> ids = new java.util.ArrayList<>();
		this.json.readTree(page.body()).path("items").forEach((item) -> ids.add(item.path("id").asString()));
		return ids;
	}

}
