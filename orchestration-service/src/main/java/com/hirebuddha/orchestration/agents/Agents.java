package com.hirebuddha.orchestration.agents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import com.hirebuddha.commons.web.ApiException;
import com.hirebuddha.commons.web.PageView;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores agents as immutable versions: create writes version 1, every update appends the
 * next, delete hides the agent (its versions stay, so past executions keep their
 * meaning). Every query names the tenant; row-level security is the second wall. JSON
 * columns (model, knowledge bases, tools) go through {@code JdbcClient} and Jackson.
 */
@Service
public class Agents {

	private static final String SELECT = "select v.agent_id, v.version, v.name, v.system_prompt, v.model, "
			+ "v.knowledge_base_ids, v.tools, v.created_at from agent a join agent_version v on v.agent_id = a.id ";

	private final JdbcClient jdbc;

	private final KnowledgeBaseClient knowledgeBases;

	private final JsonMapper json = JsonMapper.builder().build();

	private final Clock clock = Clock.systemUTC();

	Agents(JdbcClient jdbc, KnowledgeBaseClient knowledgeBases) {
		this.jdbc = jdbc;
		this.knowledgeBases = knowledgeBases;
	}

	/**
	 * Creates an agent at version 1.
	 * @param tenantId the owner
	 * @param request the agent
	 * @param actor who, for the version's record
	 * @return the agent
	 */
	@Transactional
	public AgentView create(UUID tenantId, AgentRequest request, String actor) {
		requireKnowledgeBases(request);
		UUID id = UUID.randomUUID();
		Instant now = this.clock.instant();
		this.jdbc
			.sql("insert into agent (id, tenant_id, current_version, created_at, updated_at) "
					+ "values (:id, :tenant, 1, :now, :now)")
			.param("id", id)
			.param("tenant", tenantId)
			.param("now", Timestamp.from(now))
			.update();
		insertVersion(id, 1, tenantId, request, actor, now);
		return find(tenantId, id).orElseThrow();
	}

	@Transactional
	AgentView update(UUID tenantId, UUID id, AgentRequest request, String actor) {
		requireKnowledgeBases(request);
		Instant now = this.clock.instant();
		Integer version = this.jdbc
			.sql("update agent set current_version = current_version + 1, updated_at = :now "
					+ "where id = :id and tenant_id = :tenant and deleted_at is null returning current_version")
			.param("now", Timestamp.from(now))
			.param("id", id)
			.param("tenant", tenantId)
			.query(Integer.class)
			.optional()
			.orElseThrow(() -> ApiException.notFound("agent", id));
		insertVersion(id, version, tenantId, request, actor, now);
		return find(tenantId, id).orElseThrow();
	}

	@Transactional
	void delete(UUID tenantId, UUID id) {
		int deleted = this.jdbc
			.sql("update agent set deleted_at = :now where id = :id and tenant_id = :tenant and deleted_at is null")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", id)
			.param("tenant", tenantId)
			.update();
		if (deleted == 0) {
			throw ApiException.notFound("agent", id);
		}
	}

	/**
	 * The current version of a tenant's agent.
	 * @param tenantId the tenant
	 * @param id the agent
	 * @return the agent, if the tenant has it
	 */
	@Transactional(readOnly = true)
	public Optional<AgentView> find(UUID tenantId, UUID id) {
		return this.jdbc
			.sql(SELECT + "and v.version = a.current_version "
					+ "where a.id = :id and a.tenant_id = :tenant and a.deleted_at is null")
			.param("id", id)
			.param("tenant", tenantId)
			.query(this::view)
			.optional();
	}

	/**
	 * One version of a tenant's agent, current or past (executions pin the version they
	 * ran).
	 * @param tenantId the tenant
	 * @param id the agent
	 * @param version the version
	 * @return the version, if the tenant has it
	 */
	@Transactional(readOnly = true)
	public Optional<AgentView> findVersion(UUID tenantId, UUID id, int version) {
		return this.jdbc.sql(SELECT + "where a.id = :id and a.tenant_id = :tenant and v.version = :version")
			.param("id", id)
			.param("tenant", tenantId)
			.param("version", version)
			.query(this::view)
			.optional();
	}

	@Transactional(readOnly = true)
	PageView<AgentView> list(UUID tenantId, int page, int size) {
		List<AgentView> items = this.jdbc
			.sql(SELECT + "and v.version = a.current_version where a.tenant_id = :tenant and a.deleted_at is null "
					+ "order by a.created_at desc, a.id limit :size offset :offset")
			.param("tenant", tenantId)
			.param("size", size)
			.param("offset", (long) page * size)
			.query(this::view)
			.list();
		long total = this.jdbc.sql("select count(*) from agent where tenant_id = :tenant and deleted_at is null")
			.param("tenant", tenantId)
			.query(Long.class)
			.single();
		return new PageView<>(items, page, size, total);
	}

	@Transactional(readOnly = true)
	PageView<AgentView> versions(UUID tenantId, UUID id, int page, int size) {
		if (find(tenantId, id).isEmpty()) {
			throw ApiException.notFound("agent", id);
		}
		List<AgentView> items = this.jdbc
			.sql(SELECT
					+ "where a.id = :id and a.tenant_id = :tenant order by v.version desc limit :size offset :offset")
			.param("id", id)
			.param("tenant", tenantId)
			.param("size", size)
			.param("offset", (long) page * size)
			.query(this::view)
			.list();
		long total = this.jdbc.sql("select count(*) from agent_version where agent_id = :id and tenant_id = :tenant")
			.param("id", id)
			.param("tenant", tenantId)
			.query(Long.class)
			.single();
		return new PageView<>(items, page, size, total);
	}

	// an id a request names must resolve in the caller's tenant (404 otherwise), as
	// ingestion-service, which keeps knowledge bases, answers it in the caller's scope
	private void requireKnowledgeBases(AgentRequest request) {
		if (request.knowledgeBaseIds() != null) {
			this.knowledgeBases.requireKnown(request.knowledgeBaseIds());
		}
	}

	private void insertVersion(UUID id, int version, UUID tenantId, AgentRequest request, String actor, Instant now) {
		this.jdbc.sql("""
				insert into agent_version (agent_id, version, tenant_id, name, system_prompt, model, knowledge_base_ids,
				                           tools, created_by, created_at)
				values (:id, :version, :tenant, :name, :prompt, :model::jsonb, :kbs::jsonb, :tools::jsonb, :by, :now)
				""")
			.param("id", id)
			.param("version", version)
			.param("tenant", tenantId)
			.param("name", request.name().strip())
			.param("prompt", request.systemPrompt())
			.param("model", this.json.writeValueAsString(request.model()))
			.param("kbs",
					this.json.writeValueAsString(
							(request.knowledgeBaseIds() != null) ? request.knowledgeBaseIds() : List.of()))
			.param("tools", this.json.writeValueAsString((request.tools() != null) ? request.tools() : List.of()))
			.param("by", actor)
			.param("now", Timestamp.from(now))
			.update();
	}

	private AgentView view(ResultSet rs, int row) throws SQLException {
		return new AgentView(rs.getObject("agent_id", UUID.class), rs.getInt("version"), rs.getString("name"),
				rs.getString("system_prompt"), this.json.readValue(rs.getString("model"), AgentRequest.Model.class),
				this.json.readValue(rs.getString("knowledge_base_ids"), new TypeReference<List<UUID>>() {
				}), this.json.readValue(rs.getString("tools"), new TypeReference<List<String>>() {
				}), rs.getTimestamp("created_at").toInstant());
	}

}
