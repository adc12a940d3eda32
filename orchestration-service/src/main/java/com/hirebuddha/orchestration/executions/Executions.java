package com.hirebuddha.orchestration.executions;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import com.hirebuddha.commons.events.EventPublisher;
import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.web.ApiException;
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
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts executions and cancels them (what became of them is {@link ExecutionQueries}').
 * Accepting writes the execution and its {@code execution.requested} event in one
 * transaction and returns; no model is called on a request thread. An
 * {@code Idempotency-Key} follows Stripe: for 24 hours the same key with the same request
 * answers the first execution again, the same key with another request is refused.
 */
@Service
public class Executions {

	/** The node id of an agent execution's single node. */
	static final String AGENT_NODE = "agent";

	private final JdbcClient jdbc;

	private final Agents agents;

	private final Workflows workflows;

	private final EventPublisher events;

	private final ExecutionProperties properties;

	private final BudgetedTenants budgetedTenants;

	private final BudgetClient budgets;

	private final TransactionTemplate transactions;

	private final ExecutionQueries queries;

	private final IdempotencyKeys keys;

	// map entries by key: the stored input, and so its Idempotency-Key hash, is the same
	// whatever order the client sent
	private final JsonMapper json = JsonMapper.builder()
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		.build();

	private final Clock clock = Clock.systemUTC();

	Executions(JdbcClient jdbc, Agents agents, Workflows workflows, EventPublisher events,
			ExecutionProperties properties, BudgetedTenants budgetedTenants, BudgetClient budgets,
			TransactionTemplate transactions, ExecutionQueries queries, IdempotencyKeys keys) {
		this.jdbc = jdbc;
		this.queries = queries;
		this.keys = keys;
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
		return retryingRace(() -> startAgentOnce(caller, agentId, request, idempotencyKey));
	}

	private Accepted startAgentOnce(Caller caller, UUID agentId, ExecutionRequest request,
			@Nullable String idempotencyKey) {
		UUID tenantId = caller.requireTenant("agents:run");
		Map<String, Object> input = request.inputOrEmpty();
		String inputJson = this.json.writeValueAsString(input);
		String hash = this.keys.hash("agent:" + agentId, inputJson);
		Optional<Accepted> replay = replay(tenantId, idempotencyKey, hash);
		if (replay.isPresent()) {
			return replay.get();
		}
		AgentView agent = this.agents.find(tenantId, agentId)
			.orElseThrow(() -> ApiException.notFound("agent", agentId));
		WorkflowGraph graph = new WorkflowGraph(
				List.of(new WorkflowGraph.Node(AGENT_NODE, "agent", Map.of("agentId", agentId.toString()))), List.of());
		Map<UUID, PinnedAgent> pinned = Map.of(agentId, pin(agent));
		return accept(caller, tenantId, new Target(agentId, agent.version(), null, null), input, inputJson, graph,
				pinned, idempotencyKey, hash);
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
		return retryingRace(() -> startWorkflowOnce(caller, workflowId, request, idempotencyKey));
	}

	private Accepted startWorkflowOnce(Caller caller, UUID workflowId, ExecutionRequest request,
			@Nullable String idempotencyKey) {
		UUID tenantId = caller.requireTenant("workflows:run");
		Map<String, Object> input = request.inputOrEmpty();
		String inputJson = this.json.writeValueAsString(input);
		String hash = this.keys.hash("workflow:" + workflowId, inputJson);
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
		for (WorkflowGraph.Node node : workflow.graph().nodesOrEmpty()) {
			if ("agent".equals(node.type())) {
				UUID agentId = UUID.fromString((String) node.configOrEmpty().get("agentId"));
				AgentView agent = this.agents.find(tenantId, agentId)
					.orElseThrow(() -> ApiException.invalid("invalid-workflow",
							"Node " + node.id() + " names agent " + agentId + ", which no longer exists.",
							Map.of("errors", List.of(new GraphProblem(node.id(), "agent does not exist")))));
				pinned.put(agentId, pin(agent));
			}
		}
		return accept(caller, tenantId, new Target(null, null, workflowId, workflow.version()), input, inputJson,
				workflow.graph(), pinned, idempotencyKey, hash);
	}

	// two requests with one Idempotency-Key: the loser's transaction rolled back, and
	// asking again finds the winner's execution (or refuses a different request)
	private static Accepted retryingRace(Supplier<Accepted> start) {
		try {
			return start.get();
		}
		catch (IdempotencyRace race) {
			return start.get();
		}
	}

	// the execution a key already names, if any (422 if it named a different request)
	private Optional<Accepted> replay(UUID tenantId, @Nullable String key, String hash) {
		return this.keys.named(tenantId, key, hash)
			.map((executionId) -> new Accepted(this.queries.find(tenantId, executionId).orElseThrow(), true));
	}

	// the input arrives serialized once: what is stored, hashed for its key and estimated
	private Accepted accept(Caller caller, UUID tenantId, Target target, Map<String, Object> input, String inputJson,
			WorkflowGraph graph, Map<UUID, PinnedAgent> pinned, @Nullable String idempotencyKey, String hash) {
		UUID id = UUID.randomUUID();
		Instant now = this.clock.instant();
		Instant deadline = now.plus(this.properties.timeout());
		// a tenant with a budget: its estimate is held before anything is written (or
		// refused)
		List<BudgetClient.Call> calls = estimate(graph, pinned, inputJson);
		boolean held = !calls.isEmpty() && this.budgetedTenants.budgeted(tenantId);
		if (held) {
			this.budgets.reserve(id, calls, deadline);
		}
		try {
			NewRun run = new NewRun(caller, tenantId, target, input, inputJson, graph, pinned, idempotencyKey, hash, id,
					now, deadline);
			return this.transactions.execute((status) -> store(run));
		}
		catch (RuntimeException ex) {
			if (held) {
				this.budgets.release(id);
			}
			throw ex;
		}
	}

	private Accepted store(NewRun run) {
		Caller caller = run.caller();
		Target target = run.target();
		this.jdbc
			.sql("""
					insert into execution (id, tenant_id, partner_id, agent_id, agent_version, workflow_id, workflow_version,
					                       input, status, created_by, created_at, deadline, updated_at)
					values (:id, :tenant, :partner, :agent, :agentVersion, :workflow, :workflowVersion, :input::jsonb,
					        'PENDING', :by, :now, :deadline, :now)
					""")
			.param("id", run.id())
			.param("tenant", run.tenantId())
			.param("partner", caller.partnerId())
			.param("agent", target.agentId())
			.param("agentVersion", target.agentVersion())
			.param("workflow", target.workflowId())
			.param("workflowVersion", target.workflowVersion())
			.param("input", run.inputJson())
			.param("by", caller.subject())
			.param("now", Timestamp.from(run.now()))
			.param("deadline", Timestamp.from(run.deadline()))
			.update();
		if (run.idempotencyKey() != null
				&& !this.keys.remember(run.tenantId(), run.idempotencyKey(), run.hash(), run.id(), run.now())) {
			// a concurrent request with the same key committed first: answer with its run
			throw new IdempotencyRace();
		}
		this.events.publish(new ExecutionRequested(run.id(), run.tenantId(), caller.partnerId(), target.agentId(),
				target.workflowId(), run.input(), run.graph(), run.pinned(), run.deadline(), caller.apiKeyId()));
		// what was just written, without reading it back
		return new Accepted(new ExecutionView(run.id(), ExecutionStatus.PENDING, target.agentId(),
				target.agentVersion(), target.workflowId(), target.workflowVersion(), run.input(), null, null,
				List.of(), new ExecutionView.Usage(0, 0, 0), run.now(), null, null), false);
	}

	// each agent node may make one call of at most its model's maxTokens
	private static List<BudgetClient.Call> estimate(WorkflowGraph graph, Map<UUID, PinnedAgent> pinned,
			String inputJson) {
		List<BudgetClient.Call> calls = new java.util.ArrayList<>();
		for (WorkflowGraph.Node node : graph.nodesOrEmpty()) {
			Object agentId = node.configOrEmpty().get("agentId");
			if (!"agent".equals(node.type()) || agentId == null) {
				continue;
			}
			PinnedAgent agent = pinned.get(UUID.fromString(agentId.toString()));
			Object prompt = node.configOrEmpty().getOrDefault("prompt", "");
			BudgetClient.Call call = (agent != null) ? BudgetClient.Call.of(agent, String.valueOf(prompt), inputJson)
					: null;
			if (call != null) {
				calls.add(call);
			}
		}
		return calls;
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
		ExecutionView execution = this.queries.find(tenantId, id)
			.orElseThrow(() -> ApiException.notFound("execution", id));
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

	private static PinnedAgent pin(AgentView agent) {
		AgentRequest.Model model = agent.model();
		return new PinnedAgent(agent.version(), agent.name(), agent.systemPrompt(),
				new ExecutionRequested.Model(model.provider(), model.name(), model.temperature(), model.maxTokens()),
				agent.knowledgeBaseIds());
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
	/**
	 * Everything an accepted run's row and event are written from.
	 */
	private record NewRun(Caller caller, UUID tenantId, Target target, Map<String, Object> input, String inputJson,
			WorkflowGraph graph, Map<UUID, PinnedAgent> pinned, @Nullable String idempotencyKey, String hash, UUID id,
			Instant now, Instant deadline) {
	}

	static final class IdempotencyRace extends RuntimeException {

		IdempotencyRace() {
			super("another request with the same Idempotency-Key won", null, false, false);
		}

	}

}
