package com.hirebuddha.orchestration.executions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.hirebuddha.commons.events.EventPublisher;
import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.web.ApiException;
import com.hirebuddha.commons.web.PageView;
import com.hirebuddha.orchestration.agents.AgentRequest;
import com.hirebuddha.orchestration.agents.AgentView;
import com.hirebuddha.orchestration.agents.Agents;
import com.hirebuddha.orchestration.executions.ExecutionRequested.PinnedAgent;
import com.hirebuddha.orchestration.workflows.GraphProblem;
import com.hirebuddha.orchestration.workflows.GraphValidator;
import com.hirebuddha.orchestration.workflows.WorkflowGraph;
import com.hirebuddha.orchestration.workflows.WorkflowView;
import com.hirebuddha.orchestration.workflows.Workflows;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts executions and answers what became of them. Accepting writes the execution and
 * its {@code execution.requested} event in one transaction and returns; no model is
 * called on a request thread. An {@code Idempotency-Key} follows Stripe: for 24 hours the
 * same key with the same request answers the first execution again, the same key with
 * another request is refused.
 */
@Service
public class Executions {

	/** The node id of an agent execution's single node. */
	static final String AGENT_NODE = "agent";

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final Agents agents;

	private final Workflows workflows;

	private final EventPublisher events;

	private final ExecutionProperties properties;

	private final BudgetedTenants budgetedTenants;

	private final BudgetClient budgets;

	private final TransactionTemplate transactions;

	private final JsonMapper json = JsonMapper.builder()
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		.build();

	private final Clock clock = Clock.systemUTC();

	Executions(JdbcClient jdbc, Agents agents, Workflows workflows, EventPublisher events,
			ExecutionProperties properties, BudgetedTenants budgetedTenants, BudgetClient budgets,
			TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.agents = agents;
		this.workflows = workflows;
		this.events = events;
		this.properties = properties;
		this.budgetedTenants = budgetedTenants;
		this.budgets = budgets;
		this.transactions = transactions;
	}

	/**
	 * Starts an agent's current version on an input.
	 * @param caller who asks; API keys need {@code agents:run}
	 * @param agentId the agent
	 * @param request the input
	 * @param idempotencyKey the client's key, if any
	 * @return the accepted execution
	 */
	// not one transaction: a budgeted run is reserved with billing before its own is
	// opened
	public Accepted startAgent(Caller caller, UUID agentId, ExecutionRequest request, @Nullable String idempotencyKey) {
		UUID tenantId = caller.requireTenant("agents:run");
		Map<String, Object> input = request.inputOrEmpty();
		String hash = hash("agent:" + agentId, input);
		Optional<Accepted> replay = replay(tenantId, idempotencyKey, hash);
		if (replay.isPresent()) {
			return replay.get();
		}
		AgentView agent = this.agents.find(tenantId, agentId)
			.orElseThrow(() -> ApiException.notFound("agent", agentId));
		WorkflowGraph graph = new WorkflowGraph(
				List.of(new WorkflowGraph.Node(AGENT_NODE, "agent", Map.of("agentId", agentId.toString()))), List.of());
		Map<UUID, PinnedAgent> pinned = Map.of(agentId, pin(agent));
		return accept(caller, tenantId, new Target(agentId, agent.version(), null, null), input, graph, pinned,
				idempotencyKey, hash);
	}

	/**
	 * Starts a workflow on an input; each agent node runs its agent's current version.
	 * @param caller who asks; API keys need {@code workflows:run}
	 * @param workflowId the workflow
	 * @param request the input
	 * @param idempotencyKey the client's key, if any
	 * @return the accepted execution
	 */
	public Accepted startWorkflow(Caller caller, UUID workflowId, ExecutionRequest request,
			@Nullable String idempotencyKey) {
		UUID tenantId = caller.requireTenant("workflows:run");
		Map<String, Object> input = request.inputOrEmpty();
		String hash = hash("workflow:" + workflowId, input);
		Optional<Accepted> replay = replay(tenantId, idempotencyKey, hash);
		if (replay.isPresent()) {
			return replay.get();
		}
		WorkflowView workflow = this.workflows.find(tenantId, workflowId)
			.orElseThrow(() -> ApiException.notFound("workflow", workflowId));
		List<GraphProblem> problems = GraphValidator.missingInputs(workflow.graph(), input);
		if (!problems.isEmpty()) {
			throw ApiException.invalid("missing-input", "The workflow cannot start: " + problems.get(0).message(),
					Map.of("errors", problems));
		}
		Map<UUID, PinnedAgent> pinned = new LinkedHashMap<>();
		for (WorkflowGraph.Node node : workflow.graph().nodes()) {
			if ("retrieval".equals(node.type())) {
				throw ApiException.invalid("unsupported-node", "Node " + node.id()
						+ " is a retrieval node; they run once knowledge bases are available (docs/executions.md).",
						Map.of("errors", List.of(new GraphProblem(node.id(), "retrieval nodes cannot run yet"))));
			}
			if ("agent".equals(node.type())) {
				UUID agentId = UUID.fromString((String) node.config().get("agentId"));
				AgentView agent = this.agents.find(tenantId, agentId)
					.orElseThrow(() -> ApiException.invalid("invalid-workflow",
							"Node " + node.id() + " names agent " + agentId + ", which no longer exists.",
							Map.of("errors", List.of(new GraphProblem(node.id(), "agent does not exist")))));
				pinned.put(agentId, pin(agent));
			}
		}
		return accept(caller, tenantId, new Target(null, null, workflowId, workflow.version()), input, workflow.graph(),
				pinned, idempotencyKey, hash);
	}

	private Accepted accept(Caller caller, UUID tenantId, Target target, Map<String, Object> input, WorkflowGraph graph,
			Map<UUID, PinnedAgent> pinned, @Nullable String idempotencyKey, String hash) {
		UUID id = UUID.randomUUID();
		Instant now = this.clock.instant();
		Instant deadline = now.plus(this.properties.timeout());
		String inputJson = this.json.writeValueAsString(input);
		// a tenant with a budget: its estimate is held before anything is written (or
		// refused)
		List<BudgetClient.Call> calls = estimate(graph, pinned, inputJson);
		boolean held = !calls.isEmpty() && this.budgetedTenants.budgeted(tenantId);
		if (held) {
			this.budgets.reserve(id, calls, deadline);
		}
		try {
			return this.transactions.execute((status) -> store(caller, tenantId, target, input, inputJson, graph,
					pinned, idempotencyKey, hash, id, now, deadline));
		}
		catch (RuntimeException ex) {
			if (held) {
				this.budgets.release(id);
			}
			throw ex;
		}
	}

	private Accepted store(Caller caller, UUID tenantId, Target target, Map<String, Object> input, String inputJson,
			WorkflowGraph graph, Map<UUID, PinnedAgent> pinned, @Nullable String idempotencyKey, String hash, UUID id,
			Instant now, Instant deadline) {
		this.jdbc
			.sql("""
					insert into execution (id, tenant_id, partner_id, agent_id, agent_version, workflow_id, workflow_version,
					                       input, status, created_by, created_at, deadline, updated_at)
					values (:id, :tenant, :partner, :agent, :agentVersion, :workflow, :workflowVersion, :input::jsonb,
					        'PENDING', :by, :now, :deadline, :now)
					""")
			.param("id", id)
			.param("tenant", tenantId)
			.param("partner", caller.partnerId())
			.param("agent", target.agentId())
			.param("agentVersion", target.agentVersion())
			.param("workflow", target.workflowId())
			.param("workflowVersion", target.workflowVersion())
			.param("input", inputJson)
			.param("by", caller.subject())
			.param("now", Timestamp.from(now))
			.param("deadline", Timestamp.from(deadline))
			.update();
		if (idempotencyKey != null && !remember(tenantId, idempotencyKey, hash, id, now)) {
			// a concurrent request with the same key committed first: answer with its run
			throw new IdempotencyRace();
		}
		this.events.publish(new ExecutionRequested(id, tenantId, caller.partnerId(), target.agentId(),
				target.workflowId(), input, graph, pinned, deadline, caller.apiKeyId()));
		// what was just written, without reading it back
		return new Accepted(new ExecutionView(id, ExecutionStatus.PENDING, target.agentId(), target.agentVersion(),
				target.workflowId(), target.workflowVersion(), input, null, null, List.of(),
				new ExecutionView.Usage(0, 0, 0), now, null, null), false);
	}

	// each agent node may make one call of at most its model's maxTokens
	private static List<BudgetClient.Call> estimate(WorkflowGraph graph, Map<UUID, PinnedAgent> pinned,
			String inputJson) {
		List<BudgetClient.Call> calls = new java.util.ArrayList<>();
		for (WorkflowGraph.Node node : graph.nodes()) {
			Object agentId = node.config().get("agentId");
			if (!"agent".equals(node.type()) || agentId == null) {
				continue;
			}
			PinnedAgent agent = pinned.get(UUID.fromString(agentId.toString()));
			Object prompt = node.config().getOrDefault("prompt", "");
			BudgetClient.Call call = (agent != null) ? BudgetClient.Call.of(agent, String.valueOf(prompt), inputJson)
					: null;
			if (call != null) {
				calls.add(call);
			}
		}
		return calls;
	}

	private boolean remember(UUID tenantId, String key, String hash, UUID executionId, Instant now) {
		// a key older than the window names nothing any more and is taken over
		return this.jdbc.sql("""
				insert into idempotency_key (tenant_id, key, request_hash, execution_id, created_at)
				values (:tenant, :key, :hash, :execution, :now)
				on conflict (tenant_id, key) do update
				  set request_hash = excluded.request_hash, execution_id = excluded.execution_id,
				      created_at = excluded.created_at
				  where idempotency_key.created_at < :expired
				""")
			.param("tenant", tenantId)
			.param("key", key)
			.param("hash", hash)
			.param("execution", executionId)
			.param("now", Timestamp.from(now))
			.param("expired", Timestamp.from(now.minus(this.properties.idempotencyWindow())))
			.update() == 1;
	}

	/**
	 * The execution a key already names, if any.
	 * @throws ApiException 422 if the key named a different request
	 */
	Optional<Accepted> replay(UUID tenantId, @Nullable String key, String hash) {
		if (key == null) {
			return Optional.empty();
		}
		if (key.isBlank() || key.length() > 255) {
			throw ApiException.invalid("invalid-idempotency-key", "Idempotency-Key must be 1 to 255 characters.");
		}
		Instant expired = this.clock.instant().minus(this.properties.idempotencyWindow());
		return this.jdbc
			.sql("select request_hash, execution_id from idempotency_key "
					+ "where tenant_id = :tenant and key = :key and created_at >= :expired")
			.param("tenant", tenantId)
			.param("key", key)
			.param("expired", Timestamp.from(expired))
			.query((rs, row) -> {
				if (!hash.equals(rs.getString("request_hash"))) {
					throw ApiException.invalid("idempotency-key-reused", "This Idempotency-Key was used with a "
							+ "different request in the last 24 hours; use a new key for a new request.");
				}
				return rs.getObject("execution_id", UUID.class);
			})
			.optional()
			.map((executionId) -> new Accepted(find(tenantId, executionId).orElseThrow(), true));
	}

	/**
	 * Asks the worker to stop a run; it stops within a second.
	 * @param tenantId the caller's tenant
	 * @param id the execution
	 * @return the execution
	 * @throws ApiException 404 for another tenant's run, 409 for a finished one
	 */
	@Transactional
	public ExecutionView cancel(UUID tenantId, UUID id) {
		ExecutionView execution = find(tenantId, id).orElseThrow(() -> ApiException.notFound("execution", id));
		if (execution.finished()) {
			throw ApiException.conflict("execution-finished",
					"Execution " + id + " already ended with " + execution.status() + ".");
		}
		int requested = this.jdbc
			.sql("update execution set cancel_requested_at = :now, updated_at = :now "
					+ "where id = :id and tenant_id = :tenant and cancel_requested_at is null")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", id)
			.param("tenant", tenantId)
			.update();
		if (requested == 1) {
			this.events.publish(new ExecutionRequested.CancelRequested(id, tenantId));
		}
		return execution;
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

	private static PinnedAgent pin(AgentView agent) {
		AgentRequest.Model model = agent.model();
		return new PinnedAgent(agent.version(), agent.name(), agent.systemPrompt(),
				new ExecutionRequested.Model(model.provider(), model.name(), model.temperature(), model.maxTokens()));
	}

	private String hash(String target, Map<String, Object> input) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(target.getBytes(StandardCharsets.UTF_8));
			digest.update((byte) 0);
			digest.update(this.json.writeValueAsBytes(input));
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An accepted execution.
	 *
	 * @param execution the execution
	 * @param replayed true if an {@code Idempotency-Key} named it before
	 */
	public record Accepted(ExecutionView execution, boolean replayed) {
	}

	private record Target(@Nullable UUID agentId, @Nullable Integer agentVersion, @Nullable UUID workflowId,
			@Nullable Integer workflowVersion) {
	}

	/**
	 * Two requests with one key raced and the other committed first; the transaction is
	 * rolled back and the controller answers with the winner's execution.
	 */
	static final class IdempotencyRace extends RuntimeException {

		IdempotencyRace() {
			super("another request with the same Idempotency-Key won", null, false, false);
		}

	}

}
