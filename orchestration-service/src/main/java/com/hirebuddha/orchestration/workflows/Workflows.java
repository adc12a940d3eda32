package com.hirebuddha.orchestration.workflows;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import com.hirebuddha.commons.web.ApiException;
import com.hirebuddha.commons.web.PageView;
import com.hirebuddha.orchestration.agents.AgentRequest;
import com.hirebuddha.orchestration.agents.Agents;
import com.hirebuddha.orchestration.agents.KnowledgeBaseClient;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Validates and stores a tenant's workflows. A graph that cannot run is refused with 422
 * and {@code errors: [{node, message}]}; agent nodes must name the tenant's own agents.
 */
@Service
public class Workflows {

	private final JdbcClient jdbc;

	private final Agents agents;

	private final KnowledgeBaseClient knowledgeBases;

	private final JsonMapper json = JsonMapper.builder().build();

	private final Clock clock = Clock.systemUTC();

	Workflows(JdbcClient jdbc, Agents agents, KnowledgeBaseClient knowledgeBases) {
		this.jdbc = jdbc;
		this.agents = agents;
		this.knowledgeBases = knowledgeBases;
	}

	@Transactional(readOnly = true)
	void validate(UUID tenantId, WorkflowGraph graph) {
		List<GraphProblem> problems = new ArrayList<>(GraphValidator.validate(graph));
		if (problems.isEmpty() && graph.nodes() != null) {
			for (WorkflowGraph.Node node : graph.nodes()) {
				if ("agent".equals(node.type()) && node.config() != null
						&& this.agents.find(tenantId, UUID.fromString((String) node.config().get("agentId")))
							.isEmpty()) {
					problems
						.add(new GraphProblem(node.id(), "agent " + node.config().get("agentId") + " does not exist"));
				}
			}
		}
		if (!problems.isEmpty()) {
			throw ApiException.invalid("invalid-workflow", "The workflow cannot run: " + problems.get(0).message(),
					Map.of("errors", problems));
		}
		Set<UUID> knowledgeBases = new LinkedHashSet<>();
		for (WorkflowGraph.Node node : graph.nodesOrEmpty()) {
			if ("retrieval".equals(node.type())) {
				knowledgeBases.addAll(GraphValidator.knowledgeBases(node.configOrEmpty()));
			}
		}
		this.knowledgeBases.requireKnown(knowledgeBases);
	}

	@Transactional
	WorkflowView create(UUID tenantId, WorkflowRequest request) {
		validate(tenantId, request.graph());
		UUID id = UUID.randomUUID();
		Instant now = this.clock.instant();
		this.jdbc
			.sql("insert into workflow (id, tenant_id, name, graph, version, created_at, updated_at) "
					+ "values (:id, :tenant, :name, :graph::jsonb, 1, :now, :now)")
			.param("id", id)
			.param("tenant", tenantId)
			.param("name", request.name().strip())
			.param("graph", this.json.writeValueAsString(request.graph()))
			.param("now", Timestamp.from(now))
			.update();
		return find(tenantId, id).orElseThrow();
	}

	/**
	 * Creates a template's agents, then its workflow bound to them, in one transaction.
	 */
	@Transactional
	WorkflowView instantiate(UUID tenantId, String templateId, AgentRequest.Model model, String actor) {
		WorkflowTemplates.Template template = WorkflowTemplates.ALL.stream()
			.filter((candidate) -> candidate.id().equals(templateId))
			.findFirst()
			.orElseThrow(() -> ApiException.notFound("workflow template", templateId));
		Map<String, String> agentIds = new HashMap<>();
		for (WorkflowTemplates.AgentSpec spec : template.agents()) {
			agentIds.put(spec.key(),
					this.agents.create(tenantId, WorkflowTemplates.agentRequest(spec, model), actor).id().toString());
		}
		return create(tenantId, new WorkflowRequest(template.name(), template.bind(agentIds)));
	}

	@Transactional
	WorkflowView update(UUID tenantId, UUID id, WorkflowRequest request) {
		find(tenantId, id).orElseThrow(() -> ApiException.notFound("workflow", id));
		validate(tenantId, request.graph());
		this.jdbc
			.sql("update workflow set name = :name, graph = :graph::jsonb, version = version + 1, updated_at = :now "
					+ "where id = :id and tenant_id = :tenant and deleted_at is null")
			.param("name", request.name().strip())
			.param("graph", this.json.writeValueAsString(request.graph()))
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", id)
			.param("tenant", tenantId)
			.update();
		return find(tenantId, id).orElseThrow();
	}

	@Transactional
	void delete(UUID tenantId, UUID id) {
		int deleted = this.jdbc
			.sql("update workflow set deleted_at = :now where id = :id and tenant_id = :tenant and deleted_at is null")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", id)
			.param("tenant", tenantId)
			.update();
		if (deleted == 0) {
			throw ApiException.notFound("workflow", id);
		}
	}

	/**
	 * A tenant's workflow.
	 * @param tenantId the tenant
	 * @param id the workflow
	 * @return the workflow, if the tenant has it
	 */
	@Transactional(readOnly = true)
	public Optional<WorkflowView> find(UUID tenantId, UUID id) {
		return this.jdbc.sql("select * from workflow where id = :id and tenant_id = :tenant and deleted_at is null")
			.param("id", id)
			.param("tenant", tenantId)
			.query(this::view)
			.optional();
	}

	@Transactional(readOnly = true)
	PageView<WorkflowView> list(UUID tenantId, int page, int size) {
		List<WorkflowView> items = this.jdbc
			.sql("select * from workflow where tenant_id = :tenant and deleted_at is null "
					+ "order by created_at desc, id limit :size offset :offset")
			.param("tenant", tenantId)
			.param("size", size)
			.param("offset", (long) page * size)
			.query(this::view)
			.list();
		long total = this.jdbc.sql("select count(*) from workflow where tenant_id = :tenant and deleted_at is null")
			.param("tenant", tenantId)
			.query(Long.class)
			.single();
		return new PageView<>(items, page, size, total);
	}

	private WorkflowView view(ResultSet rs, int row) throws SQLException {
		return new WorkflowView(rs.getObject("id", UUID.class), rs.getString("name"),
				this.json.readValue(rs.getString("graph"), WorkflowGraph.class), rs.getInt("version"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

}
