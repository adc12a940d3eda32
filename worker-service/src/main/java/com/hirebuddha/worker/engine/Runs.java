package com.hirebuddha.worker.engine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.hirebuddha.commons.events.EventPublisher;
import com.hirebuddha.commons.jdbc.Rows;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The runs table: what the engine knows for sure. A worker writes to a run only while it
 * holds the run's lease ({@code owner}), so a worker that lost its lease (it stalled, the
 * run was resumed elsewhere) cannot overwrite the new owner's work.
 */
@Component
class Runs {

	private static final String CLAIMABLE = "status in ('QUEUED', 'RUNNING') and not cancel_requested "
			+ "and (lease_until is null or lease_until < now())";

	// a worker takes a run: it holds the lease, and the claim count says which taking
	// this is
	private static final String TAKE = "update run set owner = :owner, "
			+ "lease_until = now() + make_interval(secs => :lease), status = 'RUNNING', claims = claims + 1, "
			+ "updated_at = now()";

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private static final TypeReference<List<Map<String, Object>>> LIST_OF_MAPS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final EventPublisher events;

	private final JsonMapper json = JsonMapper.builder().build();

	Runs(JdbcClient jdbc, EventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/**
	 * Records a requested run; a redelivered request changes nothing.
	 * @return true if it is new
	 */
	@Transactional
	boolean enqueue(RunRequest request) {
		return this.jdbc.sql("""
				insert into run (execution_id, tenant_id, partner_id, request, status, deadline, created_at, updated_at)
				values (:id, :tenant, :partner, :request::jsonb, 'QUEUED', :deadline, now(), now())
				on conflict (execution_id) do nothing
				""")
			.param("id", request.executionId())
			.param("tenant", request.tenantId())
			.param("partner", request.partnerId())
			.param("request", this.json.writeValueAsString(request))
			.param("deadline", Timestamp.from(request.deadline()))
			.update() == 1;
	}

	/**
	 * Records a requested run and takes it at once, in one transaction.
	 * @return the run, taken; empty if it was recorded before (a redelivery)
	 */
	@Transactional
	Optional<Claimed> enqueueTaken(RunRequest request, String owner, Duration lease) {
		int inserted = this.jdbc.sql("""
				insert into run (execution_id, tenant_id, partner_id, request, status, owner, lease_until, claims,
				                 deadline, created_at, updated_at)
				values (:id, :tenant, :partner, :request::jsonb, 'RUNNING', :owner,
				        now() + make_interval(secs => :lease), 1, :deadline, now(), now())
				on conflict (execution_id) do nothing
				""")
			.param("id", request.executionId())
			.param("tenant", request.tenantId())
			.param("partner", request.partnerId())
			.param("request", this.json.writeValueAsString(request))
			.param("owner", owner)
			.param("lease", lease.toMillis() / 1000.0)
			.param("deadline", Timestamp.from(request.deadline()))
			.update();
		return (inserted == 1) ? Optional.of(new Claimed(request, 1)) : Optional.empty();
	}

	/** Takes one run if nobody holds it. */
	@Transactional
	Optional<Claimed> claim(UUID executionId, String owner, Duration lease) {
		return this.jdbc.sql("""
				%s where execution_id = :id and %s returning execution_id, request, claims
				""".formatted(TAKE, CLAIMABLE))
			.param("owner", owner)
			.param("lease", lease.toMillis() / 1000.0)
			.param("id", executionId)
			.query(this::claimed)
			.optional();
	}

	/** Takes runs whose worker vanished, or that nobody took, oldest first. */
	@Transactional
	List<Claimed> claimAbandoned(String owner, Duration lease, int limit) {
		return this.jdbc.sql("""
				%s where execution_id in (select execution_id from run where %s and deadline > now()
				                          order by created_at limit :limit for update skip locked)
				returning execution_id, request, claims
				""".formatted(TAKE, CLAIMABLE))
			.param("owner", owner)
			.param("lease", lease.toMillis() / 1000.0)
			.param("limit", limit)
			.query(this::claimed)
			.list();
	}

	/** Extends the leases this worker holds. */
	@Transactional
	void renew(String owner, Collection<UUID> executionIds, Duration lease) {
		if (executionIds.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				update run set lease_until = now() + make_interval(secs => :lease)
				where owner = :owner and status = 'RUNNING' and execution_id = any(:ids)
				""")
			.param("lease", lease.toMillis() / 1000.0)
			.param("owner", owner)
			.param("ids", executionIds.toArray(UUID[]::new))
			.update();
	}

	/** Gives up leases (shutting down), so another worker resumes the runs at once. */
	@Transactional
	void release(String owner, Collection<UUID> executionIds) {
		this.jdbc
			.sql("update run set lease_until = null where owner = :owner and status = 'RUNNING' "
					+ "and execution_id = any(:ids)")
			.param("owner", owner)
			.param("ids", executionIds.toArray(UUID[]::new))
			.update();
	}

	/** Runs of this worker that someone asked to cancel. */
	@Transactional(readOnly = true)
	List<UUID> cancelRequested(String owner) {
		return Rows.present(this.jdbc
			.sql("select execution_id from run where owner = :owner and status = 'RUNNING' and cancel_requested")
			.param("owner", owner)
			.query(UUID.class)
			.list());
	}

	/**
	 * Marks a run to be cancelled; one nobody is running ends here and now.
	 * @return the run if it ended here, for its final event
	 */
	@Transactional
	Optional<Finished> requestCancel(UUID executionId) {
		this.jdbc.sql("update run set cancel_requested = true, updated_at = now() where execution_id = :id")
			.param("id", executionId)
			.update();
		return this.jdbc.sql("""
				update run set status = 'CANCELLED', finished_at = now(), updated_at = now(),
				       error = '{"code":"cancelled","message":"cancelled before it started"}'::jsonb
				where execution_id = :id and (status = 'QUEUED' or (status = 'RUNNING' and lease_until < now()))
				returning *
				""").param("id", executionId).query(this::finished).optional();
	}

	/** The nodes of a run as stored, by node id. */
	@Transactional(readOnly = true)
	Map<String, NodeState> nodes(UUID executionId) {
		Map<String, NodeState> nodes = new LinkedHashMap<>();
		this.jdbc.sql("select * from run_node where execution_id = :id")
			.param("id", executionId)
			.query(this::node)
			.list()
			.forEach((node) -> nodes.put(node.nodeId(), node));
		return nodes;
	}

	/**
	 * Begins a node's next attempt: counted before the call, so an attempt cut short by a
	 * crash is never reused (its usage id stays unique).
	 * @return the attempt number, from 1
	 */
	@Transactional
	int beginAttempt(UUID executionId, UUID tenantId, Claim claim, RunRequest.Node node, @Nullable String model) {
		fence(executionId, claim);
		return this.jdbc.sql("""
				insert into run_node (execution_id, node_id, tenant_id, node_type, status, attempts, model, started_at)
				values (:id, :node, :tenant, :type, 'RUNNING', 1, :model, now())
				on conflict (execution_id, node_id) do update set attempts = run_node.attempts + 1, status = 'RUNNING'
				returning attempts
				""")
			.param("id", executionId)
			.param("node", node.id())
			.param("tenant", tenantId)
			.param("type", node.type())
			.param("model", model)
			.query(Integer.class)
			.single();
	}

	/**
	 * Stores a node's end and, for a provider call, its {@code usage.recorded} event, in
	 * one transaction.
	 */
	@Transactional
	void completeNode(UUID executionId, UUID tenantId, Claim claim, NodeState state, @Nullable UsageRecorded usage) {
		fence(executionId, claim);
		this.jdbc
			.sql("""
					insert into run_node (execution_id, node_id, tenant_id, node_type, status, attempts, output, error, branch,
					                      model, input_tokens, output_tokens, cost_micros, citations, started_at, finished_at)
					values (:id, :node, :tenant, :type, :status, :attempts, :output, :error::jsonb, :branch, :model, :in, :out,
					        :cost, :citations::jsonb, now(), now())
					on conflict (execution_id, node_id) do update
					  set status = excluded.status, output = excluded.output, error = excluded.error,
					      branch = excluded.branch, model = coalesce(excluded.model, run_node.model),
					      input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens,
					      cost_micros = excluded.cost_micros, citations = excluded.citations,
					      finished_at = excluded.finished_at
					""")
			.param("id", executionId)
			.param("node", state.nodeId())
			.param("tenant", tenantId)
			.param("type", state.nodeType())
			.param("status", state.status())
			.param("attempts", state.attempts())
			.param("output", state.output())
			.param("error", (state.error() != null) ? this.json.writeValueAsString(state.error()) : null)
			.param("branch", state.branch())
			.param("model", state.model())
			.param("in", state.inputTokens())
			.param("out", state.outputTokens())
			.param("cost", state.costMicros())
			.param("citations", (state.citations() != null) ? this.json.writeValueAsString(state.citations()) : null)
			.update();
		if (usage != null) {
			this.events.publish(Progress.id(executionId, "usage", state.nodeId(), usage.attempt()), usage);
		}
	}

	/**
	 * Ends a run this worker holds.
	 * @return the run, or empty if this worker lost it
	 */
	@Transactional
	Optional<Finished> finish(UUID executionId, Claim claim, String status, @Nullable String output,
			@Nullable Map<String, Object> error, @Nullable List<Map<String, Object>> citations) {
		return this.jdbc
			.sql("""
					update run r set status = :status, output = :output, error = :error::jsonb,
					       citations = :citations::jsonb, finished_at = now(),
					       updated_at = now(), lease_until = null,
					       input_tokens = n.input_tokens, output_tokens = n.output_tokens, cost_micros = n.cost_micros
					from (select coalesce(sum(input_tokens), 0) as input_tokens, coalesce(sum(output_tokens), 0) as output_tokens,
					             coalesce(sum(cost_micros), 0) as cost_micros from run_node where execution_id = :id) n
					where r.execution_id = :id and r.owner = :owner and r.claims = :claim and r.status = 'RUNNING'
					returning r.*
					""")
			.param("status", status)
			.param("output", output)
			.param("error", (error != null) ? this.json.writeValueAsString(error) : null)
			.param("citations", (citations != null) ? this.json.writeValueAsString(citations) : null)
			.param("id", executionId)
			.param("owner", claim.owner())
			.param("claim", claim.number())
			.query(this::finished)
			.optional();
	}

	/** Fails runs past their deadline that no live worker holds. */
	@Transactional
	List<Finished> failOverdue() {
		return this.jdbc.sql("""
				update run set status = 'FAILED', finished_at = now(), updated_at = now(), lease_until = null,
				       error = '{"code":"deadline-exceeded","message":"the run did not finish by its deadline"}'::jsonb
				where execution_id in (select execution_id from run where status in ('QUEUED', 'RUNNING')
				                       and deadline < now() and (lease_until is null or lease_until < now())
				                       limit 100 for update skip locked)
				returning *
				""").query(this::finished).list();
	}

	/** Cancels runs someone asked to cancel whose worker vanished. */
	@Transactional
	List<Finished> cancelAbandoned() {
		return this.jdbc.sql("""
				update run set status = 'CANCELLED', finished_at = now(), updated_at = now(), lease_until = null,
				       error = '{"code":"cancelled","message":"cancelled"}'::jsonb
				where execution_id in (select execution_id from run where status in ('QUEUED', 'RUNNING')
				                       and cancel_requested and (lease_until is null or lease_until < now())
				                       limit 100 for update skip locked)
				returning *
				""").query(this::finished).list();
	}

	/** Finished runs whose final event the broker has not acknowledged. */
	@Transactional(readOnly = true)
	List<Finished> unannounced(Duration olderThan) {
		return this.jdbc.sql("""
				select * from run where not announced and status in ('SUCCEEDED', 'FAILED', 'CANCELLED')
				and finished_at < now() - make_interval(secs => :age) order by finished_at limit 100
				""").param("age", olderThan.toMillis() / 1000.0).query(this::finished).list();
	}

	@Transactional
	void announced(Collection<UUID> executionIds) {
		this.jdbc.sql("update run set announced = true where execution_id = any(:ids)")
			.param("ids", executionIds.toArray(UUID[]::new))
			.update();
	}

	// a claim that was superseded must not write: the run is someone else's now, or this
	// worker's again under a newer claim (its old node threads may still be running)
	private void fence(UUID executionId, Claim claim) {
		boolean mine = this.jdbc
			.sql("select 1 from run where execution_id = :id and owner = :owner and claims = :claim "
					+ "and status = 'RUNNING' for share")
			.param("id", executionId)
			.param("owner", claim.owner())
			.param("claim", claim.number())
			.query(Integer.class)
			.optional()
			.isPresent();
		if (!mine) {
			throw new LeaseLostException(executionId);
		}
	}

	private Claimed claimed(ResultSet rs, int row) throws SQLException {
		return new Claimed(this.json.readValue(rs.getString("request"), RunRequest.class), rs.getInt("claims"));
	}

	private NodeState node(ResultSet rs, int row) throws SQLException {
		String error = rs.getString("error");
		return new NodeState(rs.getString("node_id"), rs.getString("node_type"), rs.getString("status"),
				rs.getInt("attempts"), rs.getString("output"), (error != null) ? this.json.readValue(error, MAP) : null,
				(Boolean) rs.getObject("branch"), rs.getString("model"), rs.getLong("input_tokens"),
				rs.getLong("output_tokens"), rs.getLong("cost_micros"), citations(rs));
	}

	private Finished finished(ResultSet rs, int row) throws SQLException {
		String error = rs.getString("error");
		return new Finished(rs.getObject("execution_id", UUID.class), rs.getObject("tenant_id", UUID.class),
				rs.getString("status"), rs.getString("output"),
				(error != null) ? this.json.readValue(error, MAP) : null, rs.getLong("input_tokens"),
				rs.getLong("output_tokens"), rs.getLong("cost_micros"), citations(rs));
	}

	private @Nullable List<Map<String, Object>> citations(ResultSet rs) throws SQLException {
		String citations = rs.getString("citations");
		return (citations != null) ? this.json.readValue(citations, LIST_OF_MAPS) : null;
	}

	/**
	 * One taking of a run: the worker and which taking it is.
	 *
	 * @param owner the worker
	 * @param number the run's claim count at this taking
	 */
	record Claim(String owner, int number) {
	}

	/**
	 * A run this worker now holds.
	 *
	 * @param request the run
	 * @param claims how many times a worker took it, this one included
	 */
	record Claimed(RunRequest request, int claims) {
	}

	/**
	 * A run that ended.
	 *
	 * @param executionId the execution
	 * @param tenantId its tenant
	 * @param status how it ended
	 * @param output its output
	 * @param error why it failed
	 * @param inputTokens prompt tokens of all its calls
	 * @param outputTokens completion tokens of all its calls
	 * @param costMicros their list-price cost
	 * @param citations the passages its final answers cite
	 */
	record Finished(UUID executionId, UUID tenantId, String status, @Nullable String output,
			@Nullable Map<String, Object> error, long inputTokens, long outputTokens, long costMicros,
			@Nullable List<Map<String, Object>> citations) {
	}

	/**
	 * This worker no longer holds the run.
	 */
	static final class LeaseLostException extends RuntimeException {

		LeaseLostException(UUID executionId) {
			super("lease on run " + executionId + " lost", null, false, false);
		}

	}

}
