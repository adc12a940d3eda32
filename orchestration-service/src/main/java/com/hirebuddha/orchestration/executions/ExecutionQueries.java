package com.hirebuddha.orchestration.executions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.hirebuddha.commons.web.PageView;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What became of a tenant's executions: one with its steps, whether it exists, a page of
 * them. Reads only; {@link Executions} accepts and cancels.
 */
@Service
public class ExecutionQueries {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json = JsonMapper.builder().build();

	ExecutionQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A tenant's execution with its steps.
	 * @param tenantId the tenant
	 * @param id the execution
	 * @return the execution, if the tenant has it
	 */
	@Transactional(readOnly = true)
	public Optional<ExecutionView> find(UUID tenantId, UUID id) {
		return this.jdbc.sql("select * from execution where id = :id and tenant_id = :tenant")
			.param("id", id)
			.param("tenant", tenantId)
			.query((rs, row) -> view(rs, steps(id)))
			.optional();
	}

	/**
	 * Whether a tenant has an execution.
	 * @param tenantId the tenant
	 * @param id the execution
	 * @return true if it does
	 */
	@Transactional(readOnly = true)
	public boolean exists(UUID tenantId, UUID id) {
		return this.jdbc.sql("select exists (select 1 from execution where id = :id and tenant_id = :tenant)")
			.param("id", id)
			.param("tenant", tenantId)
			.query(Boolean.class)
			.single();
	}

	@Transactional(readOnly = true)
	PageView<ExecutionView> list(UUID tenantId, @Nullable String status, int page, int size) {
		String filter = (status != null) ? "and status = :status " : "";
		List<ExecutionView> items = this.jdbc
			.sql("select * from execution where tenant_id = :tenant " + filter
					+ "order by created_at desc, id limit :size offset :offset")
			.param("tenant", tenantId)
			.param("status", status)
			.param("size", size)
			.param("offset", (long) page * size)
			.query((rs, row) -> view(rs, List.of()))
			.list();
		long total = this.jdbc.sql("select count(*) from execution where tenant_id = :tenant " + filter)
			.param("tenant", tenantId)
			.param("status", status)
			.query(Long.class)
			.single();
		return new PageView<>(items, page, size, total);
	}

	private List<ExecutionView.Step> steps(UUID executionId) {
		return this.jdbc
			.sql("select * from execution_step where execution_id = :id order by started_at nulls last, node_id")
			.param("id", executionId)
			.query((rs, row) -> {
				Instant started = instant(rs, "started_at");
				Instant finished = instant(rs, "finished_at");
				return new ExecutionView.Step(rs.getString("node_id"), rs.getString("node_type"),
						rs.getString("status"), rs.getInt("attempts"), rs.getString("model"), rs.getString("output"),
						map(rs.getString("error")), usage(rs), started, finished, (started != null && finished != null)
								? finished.toEpochMilli() - started.toEpochMilli() : null);
			})
			.list();
	}

	private ExecutionView view(ResultSet rs, List<ExecutionView.Step> steps) throws SQLException {
		return new ExecutionView(rs.getObject("id", UUID.class), rs.getString("status"),
				rs.getObject("agent_id", UUID.class), (Integer) rs.getObject("agent_version"),
				rs.getObject("workflow_id", UUID.class), (Integer) rs.getObject("workflow_version"),
				this.json.readValue(rs.getString("input"), MAP), rs.getString("output"), map(rs.getString("error")),
				steps, usage(rs), rs.getTimestamp("created_at").toInstant(), instant(rs, "started_at"),
				instant(rs, "finished_at"));
	}

	private static ExecutionView.Usage usage(ResultSet rs) throws SQLException {
		return new ExecutionView.Usage(rs.getLong("input_tokens"), rs.getLong("output_tokens"),
				rs.getLong("cost_micros"));
	}

	private @Nullable Map<String, Object> map(@Nullable String json) {
		return (json != null) ? this.json.readValue(json, MAP) : null;
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
