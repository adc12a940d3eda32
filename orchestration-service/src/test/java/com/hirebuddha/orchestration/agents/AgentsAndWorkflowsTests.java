package com.hirebuddha.orchestration.agents;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.hirebuddha.commons.tenancy.DbScope;
import com.hirebuddha.commons.test.ServiceClient;
import com.hirebuddha.commons.test.ServiceTest;
import com.hirebuddha.commons.test.TestTokens;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Agents with immutable versions and workflows validated on save, over HTTP against real
 * PostgreSQL: each tenant sees only its own, and bad graphs are refused naming the node.
 */
@ServiceTest
class AgentsAndWorkflowsTests {

	private static final IngestionStandIn INGESTION = standIn();

	private final JsonMapper json = JsonMapper.builder().build();

	private final ServiceClient client;

	private final JdbcClient jdbc;

	AgentsAndWorkflowsTests(@LocalServerPort int port, JdbcClient jdbc) {
		this.client = new ServiceClient(port);
		this.jdbc = jdbc;
	}

	@Test
	void everyUpdateIsANewVersionAndTheOldOnesStay() throws Exception {
		ServiceClient tenant = member(UUID.randomUUID());
		JsonNode created = body(tenant.post("/api/v1/agents", agent("Helper", "You help.")), 201);
		String id = created.path("id").asString();
		assertThat(created.path("version").asInt()).isEqualTo(1);
		assertThat(created.path("model").path("provider").asString()).isEqualTo("simulator");

		JsonNode updated = body(tenant.send("PUT", "/api/v1/agents/" + id, agent("Helper", "You help kindly.")), 200);
		assertThat(updated.path("version").asInt()).isEqualTo(2);
		assertThat(body(tenant.get("/api/v1/agents/" + id), 200).path("systemPrompt").asString())
			.isEqualTo("You help kindly.");
		assertThat(body(tenant.get("/api/v1/agents/" + id + "/versions"), 200).path("items")).hasSize(2);
		assertThat(body(tenant.get("/api/v1/agents/" + id + "/versions/1"), 200).path("systemPrompt").asString())
			.isEqualTo("You help.");

		assertThat(tenant.delete("/api/v1/agents/" + id).statusCode()).isEqualTo(204);
		assertThat(tenant.get("/api/v1/agents/" + id).statusCode()).isEqualTo(404);
		assertThat(body(tenant.get("/api/v1/agents/" + id + "/versions/1"), 200).path("version").asInt())
			.as("a past execution can still read the version it ran")
			.isEqualTo(1);
	}

	@Test
	void anotherTenantsAgentsAndWorkflowsAnswer404() throws Exception {
		ServiceClient mine = member(UUID.randomUUID());
		ServiceClient theirs = member(UUID.randomUUID());
		String agent = body(mine.post("/api/v1/agents", agent("Mine", "p")), 201).path("id").asString();
		String workflow = body(mine.post("/api/v1/workflows", workflow("Flow", agent)), 201).path("id").asString();

		for (String path : List.of("/api/v1/agents/" + agent, "/api/v1/agents/" + agent + "/versions",
				"/api/v1/agents/" + agent + "/versions/1", "/api/v1/workflows/" + workflow)) {
			assertThat(theirs.get(path).statusCode()).as(path).isEqualTo(404);
		}
		assertThat(theirs.send("PUT", "/api/v1/agents/" + agent, agent("Stolen", "p")).statusCode()).isEqualTo(404);
		assertThat(theirs.delete("/api/v1/workflows/" + workflow).statusCode()).isEqualTo(404);
		assertThat(body(theirs.get("/api/v1/agents"), 200).path("items")).isEmpty();
		HttpResponse<String> borrowed = theirs.post("/api/v1/workflows", workflow("Borrowing", agent));
		assertThat(borrowed.statusCode()).as("another tenant's agent does not exist for them").isEqualTo(422);
		assertThat(this.json.readTree(borrowed.body()).path("errors").get(0).path("node").asString()).isEqualTo("ask");
		HttpResponse<String> unknown = theirs.post("/api/v1/workflows",
				workflow("Borrowing", UUID.randomUUID().toString()));
		assertThat(withoutIds(borrowed.body())).as("answered like an agent that never existed")
			.isEqualTo(withoutIds(unknown.body()));
	}

	@DynamicPropertySource
	static void ingestion(DynamicPropertyRegistry registry) {
		registry.add("hb.orchestration.ingestion.url", INGESTION::url);
	}

	private static IngestionStandIn standIn() {
		try {
			return new IngestionStandIn();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	// ids and request ids differ between two answers; what they say must not
	private static String withoutIds(String problem) {
		return problem.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<id>");
	}

	@Test
	void theKnowledgeBasesAnAgentOrAWorkflowNamesMustBeTheTenantsOwn() throws Exception {
		UUID tenant = UUID.randomUUID();
		ServiceClient mine = member(tenant);
		UUID own = INGESTION.give(tenant);
		UUID foreign = INGESTION.give(UUID.randomUUID());
		JsonNode grounded = body(mine.post("/api/v1/agents", groundedAgent(own)), 201);
		assertThat(grounded.path("knowledgeBaseIds").get(0).asString()).isEqualTo(own.toString());

		for (UUID refusedId : List.of(foreign, UUID.randomUUID())) {
			HttpResponse<String> refused = mine.post("/api/v1/agents", groundedAgent(refusedId));
			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(404);
			assertThat(this.json.readTree(refused.body()).path("detail").asString())
				.isEqualTo("knowledge base " + refusedId + " does not exist");
		}
		assertThat(this.jdbc.sql("select count(*) from agent where tenant_id = :t")
			.param("t", tenant)
			.query(Long.class)
			.single()).isEqualTo(1);

		assertThat(mine.post("/api/v1/workflows", retrievalWorkflow(foreign)).statusCode()).isEqualTo(404);
		String workflow = body(mine.post("/api/v1/workflows", retrievalWorkflow(own)), 201).path("id").asString();
		HttpResponse<String> started = mine.post("/api/v1/workflows/" + workflow + "/executions",
				"{\"input\":{\"question\":\"What is the notice period?\"}}");
		assertThat(started.statusCode()).as("a retrieval node runs now: " + started.body()).isEqualTo(202);
	}

	@Test
	void badGraphsAreRefusedNamingTheNodeAndChangeNothing() throws Exception {
		ServiceClient tenant = member(UUID.randomUUID());
		String agent = body(tenant.post("/api/v1/agents", agent("A", "p")), 201).path("id").asString();
		String cyclic = """
				{"graph":{"nodes":[
				  {"id":"a","type":"template","config":{"template":"{{input.x}}"}},
				  {"id":"b","type":"template","config":{"template":"{{nodes.a.output}}"}}],
				 "edges":[{"from":"a","to":"b"},{"from":"b","to":"a"}]}}""";
		HttpResponse<String> refused = tenant.post("/api/v1/workflows/validate", cyclic);
		assertThat(refused.statusCode()).isEqualTo(422);
		JsonNode problem = this.json.readTree(refused.body());
		assertThat(problem.path("type").asString()).isEqualTo("https://hirebuddha.dev/problems/invalid-workflow");
		assertThat(problem.path("errors")).hasSize(2);
		assertThat(problem.path("errors").get(0).path("message").asString()).contains("cycle");
		assertThat(body(tenant.post("/api/v1/workflows/validate",
				"{\"graph\":" + this.json.readTree(workflow("x", agent)).path("graph") + "}"), 200)
			.path("valid")
			.asBoolean()).isTrue();

		String id = body(tenant.post("/api/v1/workflows", workflow("Flow", agent)), 201).path("id").asString();
		assertThat(
				tenant.send("PUT", "/api/v1/workflows/" + id, "{\"name\":\"Flow\"," + cyclic.substring(1)).statusCode())
			.isEqualTo(422);
		assertThat(body(tenant.get("/api/v1/workflows/" + id), 200).path("version").asInt())
			.as("a refused save changes nothing")
			.isEqualTo(1);
		assertThat(tenant
			.post("/api/v1/agents",
					"{\"name\":\"x\",\"systemPrompt\":\"p\",\"model\":{\"provider\":"
							+ "\"skynet\",\"name\":\"t-800\"}}")
			.statusCode()).isEqualTo(400);
	}

	@Test
	void theThreeSeedTemplatesInstantiateIntoValidWorkflowsWithTheirAgents() throws Exception {
		UUID tenant = UUID.randomUUID();
		ServiceClient admin = member(tenant);
		JsonNode templates = body(admin.get("/api/v1/workflows/templates"), 200).path("items");
		List<String> ids = new java.util.ArrayList<>();
		templates.forEach((template) -> ids.add(template.path("id").asString()));
		assertThat(ids).containsExactly("requirements-to-code", "system-design", "career-assistant");

		for (String id : ids) {
			JsonNode workflow = body(admin.post("/api/v1/workflows/templates/" + id + "/instantiate", "{}"), 201);
			for (JsonNode node : workflow.path("graph").path("nodes")) {
				if ("agent".equals(node.path("type").asString())) {
					String agent = node.path("config").path("agentId").asString();
					assertThat(admin.get("/api/v1/agents/" + agent).statusCode()).as("%s uses its own agents", id)
						.isEqualTo(200);
				}
			}
		}
		JsonNode design = body(admin.get("/api/v1/workflows?size=200"), 200).path("items");
		assertThat(design).hasSize(3);
		JsonNode systemDesign = null;
		for (JsonNode workflow : design) {
			if (workflow.path("name").asString().startsWith("System design")) {
				systemDesign = workflow;
			}
		}
		assertThat(systemDesign.path("graph").path("nodes")).hasSize(12);
		long recoveries = 0;
		for (JsonNode edge : systemDesign.path("graph").path("edges")) {
			recoveries += edge.path("onError").asBoolean() ? 1 : 0;
		}
		assertThat(recoveries).as("every stage hands over to the recovery agent on failure").isEqualTo(11);
		assertThat(body(admin.get("/api/v1/agents?size=200"), 200).path("items")).hasSize(7);
		assertThat(admin.post("/api/v1/workflows/templates/no-such/instantiate", "{}").statusCode()).isEqualTo(404);
		assertThat(body(member(UUID.randomUUID()).get("/api/v1/workflows"), 200).path("items")).isEmpty();
	}

	@Test
	void apiKeysNeedTheScopesAndUsersNeedATenant() throws Exception {
		UUID tenant = UUID.randomUUID();
		String id = body(member(tenant).post("/api/v1/agents", agent("Scoped", "p")), 201).path("id").asString();
		ServiceClient reader = this.client.withBearer(TestTokens.sign((claims) -> claims.claim("tid", tenant.toString())
			.claim("roles", List.of("TENANT_MEMBER"))
			.claim("typ", "api-key")
			.claim("scope", "agents:read")));
		assertThat(reader.get("/api/v1/agents/" + id).statusCode()).isEqualTo(200);
		assertThat(reader.post("/api/v1/agents", agent("No", "p")).statusCode()).isEqualTo(403);
		assertThat(this.client.withBearer(TestTokens.platformAdmin())
			.post("/api/v1/agents", agent("No", "p"))
			.statusCode()).as("agents belong to a tenant").isEqualTo(403);
	}

	@Test
	void aQueryThatForgetsTheTenantFilterSeesOnlyTheTenantsAgents() throws Exception {
		UUID mine = UUID.randomUUID();
		body(member(mine).post("/api/v1/agents", agent("Walled", "p")), 201);
		body(member(UUID.randomUUID()).post("/api/v1/agents", agent("Neighbour", "p")), 201);
		List<UUID> seen = DbScope.run(DbScope.tenant(mine),
				() -> this.jdbc.sql("select tenant_id from agent_version").query(UUID.class).list());
		assertThat(seen).isNotEmpty().containsOnly(mine);
	}

	private ServiceClient member(UUID tenant) {
		return this.client.withBearer(TestTokens.user(tenant, "TENANT_MEMBER"));
	}

	private JsonNode body(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		return this.json.readTree(response.body());
	}

	private static String agent(String name, String prompt) {
		return "{\"name\":\"" + name + "\",\"systemPrompt\":\"" + prompt
				+ "\",\"model\":{\"provider\":\"simulator\",\"name\":\"sim-1\",\"temperature\":0.2,\"maxTokens\":256}}";
	}

	private static String groundedAgent(UUID knowledgeBase) {
		return "{\"name\":\"Grounded\",\"systemPrompt\":\"p\",\"model\":{\"provider\":\"simulator\","
				+ "\"name\":\"sim-1\"},\"knowledgeBaseIds\":[\"" + knowledgeBase + "\"]}";
	}

	private static String retrievalWorkflow(UUID knowledgeBase) {
		return "{\"name\":\"Lookup\",\"graph\":{\"nodes\":[{\"id\":\"find\",\"type\":\"retrieval\",\"config\":"
				+ "{\"knowledgeBaseIds\":[\"" + knowledgeBase + "\"],\"query\":\"{{input.question}}\",\"topK\":3}}],"
				+ "\"edges\":[]}}";
	}

	private static String workflow(String name, String agentId) {
		return "{\"name\":\"" + name + "\",\"graph\":{\"nodes\":["
				+ "{\"id\":\"brief\",\"type\":\"template\",\"config\":{\"template\":\"Topic: {{input.topic}}\"}},"
				+ "{\"id\":\"ask\",\"type\":\"agent\",\"config\":{\"agentId\":\"" + agentId
				+ "\",\"prompt\":\"{{nodes.brief.output}}\"}}]," + "\"edges\":[{\"from\":\"brief\",\"to\":\"ask\"}]}}";
	}

}
