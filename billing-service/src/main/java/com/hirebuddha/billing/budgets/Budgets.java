package com.hirebuddha.billing.budgets;

import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.hirebuddha.billing.directory.ApiKeyOwners;
import com.hirebuddha.billing.directory.Directory;
import com.hirebuddha.billing.ledger.Ledger;
import com.hirebuddha.commons.events.EventPublisher;
import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.security.Roles;
import com.hirebuddha.commons.web.ApiException;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sets budgets and decides reservations. A reservation locks the budgets that apply (the
 * tenant's, the API key's, the plan's token budget) and grants the run only if what was
 * priced this month, plus what running runs hold, plus this run's estimate stays within
 * every limit; concurrent reservations queue on those locks, so together they cannot
 * promise more than a limit. A refusal is decided, recorded and announced in a committed
 * transaction; the caller turns it into 402 or 429.
 */
@Service
public class Budgets {

	static final UUID WHOLE_TENANT = new UUID(0, 0);

	static final String WARNING_TYPE = "hirebuddha.billing.budget-warning.v1";

	static final String EXCEEDED_TYPE = "hirebuddha.billing.budget-exceeded.v1";

	static final String CHANGED_TYPE = "hirebuddha.billing.budget-changed.v1";

	private static final Duration LONGEST_HOLD = Duration.ofHours(2);

	private final JdbcClient jdbc;

	private final Ledger ledger;

	private final EventPublisher events;

	private final Directory directory;

	private final ApiKeyOwners apiKeys;

	private final TransactionTemplate transactions;

	Budgets(JdbcClient jdbc, Ledger ledger, EventPublisher events, Directory directory, ApiKeyOwners apiKeys,
			TransactionTemplate transactions) {
		this.directory = directory;
		this.apiKeys = apiKeys;
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.ledger = ledger;
		this.events = events;
	}

	/**
	 * Sets or removes a monthly budget.
	 * @param caller a tenant admin (its own tenant) or the platform
	 * @param request the limits
	 * @return the budget, or empty when it was removed
	 * @throws ApiException 404 for a tenant or API key the caller may not see
	 */
	// not one transaction: the key is checked with auth-service before any connection is
	// held
	public Optional<BudgetView> put(Caller caller, BudgetRequest request) {
		caller.requireUser("budgets");
		UUID tenant = tenantOf(caller, request.tenantId());
		if (!caller.hasRole(Roles.PLATFORM_ADMIN) && !caller.hasRole(Roles.TENANT_ADMIN)) {
			throw ApiException.forbidden("forbidden", "Budgets are set by the tenant's admins.");
		}
		boolean removal = request.limitMicros() == null && request.limitTokens() == null;
		// a key's budget outlives the key: removing it names the budget, not a live key
		if (request.apiKeyId() != null && !removal) {
			this.apiKeys.requireOwnedBy(request.apiKeyId(), tenant);
		}
		return this.transactions.execute((status) -> store(caller, tenant, request));
	}

	private Optional<BudgetView> store(Caller caller, UUID tenant, BudgetRequest request) {
		if (request.limitMicros() == null && request.limitTokens() == null) {
			int removed = this.jdbc
				.sql("delete from budget where tenant_id = :tenant and api_key_id is not distinct from :key")
				.param("tenant", tenant)
				.param("key", request.apiKeyId())
				.update();
			if (removed == 0 && request.apiKeyId() != null) {
				throw ApiException.notFound("budget of api key", request.apiKeyId());
			}
			announceChange(tenant);
			return Optional.empty();
		}
		UUID id = this.jdbc.sql("""
				insert into budget (id, tenant_id, api_key_id, limit_micros, limit_tokens, soft_percent, updated_by)
				values (:id, :tenant, :key, :micros, :tokens, :soft, :by)
				on conflict (tenant_id, api_key_id) do update
				  set limit_micros = excluded.limit_micros, limit_tokens = excluded.limit_tokens,
				      soft_percent = excluded.soft_percent, updated_by = excluded.updated_by, updated_at = now()
				returning id""")
			.param("id", UUID.randomUUID())
			.param("tenant", tenant)
			.param("key", request.apiKeyId())
			.param("micros", request.limitMicros())
			.param("tokens", request.limitTokens())
			.param("soft", (request.softPercent() != null) ? request.softPercent() : 80)
			.param("by", caller.subject())
			.query(UUID.class)
			.single();
		announceChange(tenant);
		return list(tenant).stream().filter((budget) -> budget.id().equals(id)).findFirst();
	}

	/**
	 * The budgets of a tenant with this month's standing.
	 * @param caller the tenant, or the platform naming one
	 * @param tenantId the tenant the platform asks about
	 * @return the budgets, the whole tenant's first
	 */
	@Transactional(readOnly = true)
	public List<BudgetView> list(Caller caller, @Nullable UUID tenantId) {
		UUID tenant = tenantOf(caller, tenantId);
		// a partner reaches its tenants' ledgers, not their budgets (row-level security
		// would show it none): refused, once the tenant is known to be its own
		if (!caller.hasRole(Roles.PLATFORM_ADMIN) && caller.tenantId() == null) {
			throw ApiException.forbidden("forbidden", "Budgets are read by the tenant's users and the platform.");
		}
		return list(tenant);
	}

	private List<BudgetView> list(UUID tenant) {
		LocalDate month = month(Instant.now());
		return this.jdbc.sql("""
				select b.id, b.tenant_id, b.api_key_id, b.limit_micros, b.limit_tokens, b.soft_percent,
				       coalesce(s.price_micros, 0) as spent_micros, coalesce(s.tokens, 0) as spent_tokens,
				       coalesce(r.amount, 0) as reserved_micros, coalesce(r.tokens, 0) as reserved_tokens, b.updated_at
				from budget b
				left join monthly_spend s on s.tenant_id = b.tenant_id and s.month = :month
				     and s.api_key_id = coalesce(b.api_key_id, :whole)
				left join lateral (select sum(amount_micros) as amount, sum(tokens) as tokens from budget_reservation x
				                   where x.tenant_id = b.tenant_id and x.expires_at > now()
				                     and (b.api_key_id is null or x.api_key_id = b.api_key_id)) r on true
				where b.tenant_id = :tenant
				order by b.api_key_id nulls first""")
			.param("tenant", tenant)
			.param("month", Date.valueOf(month))
			.param("whole", WHOLE_TENANT)
			.query(BudgetView.class)
			.list();
	}

	/**
	 * Decides whether a run may start, and holds its estimate if it may.
	 * @param caller the run's caller (orchestration forwards its token)
	 * @param request the run and its estimate
	 * @return the decision
	 */
	@Transactional
	public Decision reserve(Caller caller, ReservationRequest request) {
		UUID tenant = caller.requireTenant("agents:run", "workflows:run");
		UUID key = caller.apiKeyId();
		Ledger.Quote quote = this.ledger.quoteNow(tenant, caller.partnerId());
		long micros = 0;
		long tokens = 0;
		for (ReservationRequest.Call call : request.calls()) {
			micros += quote.price(call.sku(), call.inputTokens(), call.outputTokens());
			tokens += call.inputTokens() + call.outputTokens();
		}
		Instant now = Instant.now();
		LocalDate month = month(now);
		List<Limit> limits = limits(tenant, key);
		if (limits.isEmpty()) {
			return new Decision(true, false, micros, tokens, null, null);
		}
		for (Limit limit : limits) {
			Standing standing = standing(tenant, limit.apiKeyId(), month);
			long moneyAfter = standing.spentMicros() + standing.reservedMicros() + micros;
			long tokensAfter = standing.spentTokens() + standing.reservedTokens() + tokens;
			String exceeded = null;
			if (limit.limitMicros() != null && moneyAfter > limit.limitMicros()) {
				exceeded = "budget-exceeded";
			}
			else if (limit.limitTokens() != null && tokensAfter > limit.limitTokens()) {
				exceeded = "token-quota-exceeded";
			}
			if (exceeded != null) {
				alert(tenant, limit, month, "EXCEEDED", standing);
				return new Decision(false, false, micros, tokens, exceeded, limit.describe());
			}
			boolean soft = (limit.limitMicros() != null
					&& moneyAfter * 100 >= limit.limitMicros() * limit.softPercent())
					|| (limit.limitTokens() != null && tokensAfter * 100 >= limit.limitTokens() * limit.softPercent());
			if (soft) {
				alert(tenant, limit, month, "WARNING", standing);
			}
		}
		Instant expires = (request.expiresAt() != null && request.expiresAt().isBefore(now.plus(LONGEST_HOLD)))
				? request.expiresAt().plus(Duration.ofMinutes(5)) : now.plus(LONGEST_HOLD);
		this.jdbc.sql("""
				insert into budget_reservation (execution_id, tenant_id, api_key_id, amount_micros, tokens, expires_at)
				values (:execution, :tenant, :key, :micros, :tokens, :expires)
				on conflict (execution_id) do nothing""")
			.param("execution", request.executionId())
			.param("tenant", tenant)
			.param("key", key)
			.param("micros", micros)
			.param("tokens", tokens)
			.param("expires", Timestamp.from(expires))
			.update();
		return new Decision(true, true, micros, tokens, null, null);
	}

	/**
	 * Lets a run's hold go: the run ended (or never started).
	 * @param executionId the run
	 * @return whether a hold was released
	 */
	@Transactional
	public boolean release(UUID executionId) {
		return this.jdbc.sql("delete from budget_reservation where execution_id = :id")
			.param("id", executionId)
			.update() == 1;
	}

	/**
	 * Lets a tenant's run's hold go (orchestration, when the run could not be stored).
	 * @param tenantId the caller's tenant
	 * @param executionId the run
	 * @return whether the tenant had a hold for that run
	 */
	@Transactional
	public boolean release(UUID tenantId, UUID executionId) {
		return this.jdbc.sql("delete from budget_reservation where execution_id = :id and tenant_id = :tenant")
			.param("id", executionId)
			.param("tenant", tenantId)
			.update() == 1;
	}

	/**
	 * Records a tenant's plan token budget, as tenant-service announces it.
	 * @param tenantId the tenant
	 * @param monthlyTokens the plan's tokens per month, or null for none
	 */
	@Transactional
	public void planLimit(UUID tenantId, @Nullable Long monthlyTokens) {
		List<@Nullable Long> known = this.jdbc.sql("select monthly_tokens from plan_limit where tenant_id = :tenant")
			.param("tenant", tenantId)
			.query((rs, row) -> rs.getObject(1, Long.class))
			.list();
		if (!known.isEmpty() && Objects.equals(known.get(0), monthlyTokens)) {
			return;
		}
		this.jdbc.sql("""
				insert into plan_limit (tenant_id, monthly_tokens) values (:tenant, :tokens)
				on conflict (tenant_id) do update set monthly_tokens = excluded.monthly_tokens, updated_at = now()""")
			.param("tenant", tenantId)
			.param("tokens", monthlyTokens)
			.update();
		announceChange(tenantId);
	}

	// the limits that apply to a run, locked so that reservations for them queue
	private List<Limit> limits(UUID tenant, @Nullable UUID key) {
		List<Limit> limits = new ArrayList<>(this.jdbc.sql("""
				select id, api_key_id, limit_micros, limit_tokens, soft_percent from budget
				where tenant_id = :tenant and (api_key_id is null or api_key_id = :key)
				order by api_key_id nulls first for update""")
			.param("tenant", tenant)
			.param("key", key)
			.query(Limit.class)
			.list());
		this.jdbc
			.sql("select monthly_tokens from plan_limit where tenant_id = :tenant and monthly_tokens is not null "
					+ "for update")
			.param("tenant", tenant)
			.query(Long.class)
			.list()
			.forEach((tokens) -> limits
				.add(new Limit(UUID.nameUUIDFromBytes(("plan:" + tenant).getBytes(StandardCharsets.UTF_8)), null, null,
						tokens, 80)));
		return limits;
	}

	private Standing standing(UUID tenant, @Nullable UUID key, LocalDate month) {
		Map<String, Object> spent = this.jdbc.sql("""
				select coalesce(sum(price_micros), 0) as micros, coalesce(sum(tokens), 0) as tokens from monthly_spend
				where tenant_id = :tenant and api_key_id = :key and month = :month""")
			.param("tenant", tenant)
			.param("key", (key != null) ? key : WHOLE_TENANT)
			.param("month", Date.valueOf(month))
			.query()
			.singleRow();
		Map<String, Object> reserved = this.jdbc
			.sql("""
					select coalesce(sum(amount_micros), 0) as micros, coalesce(sum(tokens), 0) as tokens
					from budget_reservation
					where tenant_id = :tenant and expires_at > now() and (cast(:key as uuid) is null or api_key_id = :key)""")
			.param("tenant", tenant)
			.param("key", key)
			.query()
			.singleRow();
		return new Standing(number(spent.get("micros")), number(spent.get("tokens")), number(reserved.get("micros")),
				number(reserved.get("tokens")));
	}

	private void alert(UUID tenant, Limit limit, LocalDate month, String level, Standing standing) {
		boolean first = this.jdbc.sql("""
				insert into budget_alert (budget_id, month, level) values (:budget, :month, :level)
				on conflict do nothing""")
			.param("budget", limit.id())
			.param("month", Date.valueOf(month))
			.param("level", level)
			.update() == 1;
		if (!first) {
			return;
		}
		UUID id = UUID.nameUUIDFromBytes((limit.id() + ":" + month + ":" + level).getBytes(StandardCharsets.UTF_8));
		this.events.publish(id,
				new BudgetThresholdReached(tenant, limit.id(), limit.apiKeyId(), month.toString().substring(0, 7),
						limit.limitMicros(), limit.limitTokens(), standing.spentMicros(), standing.spentTokens(),
						standing.reservedMicros(), Instant.now(), !"WARNING".equals(level)));
	}

	private void announceChange(UUID tenant) {
		boolean budgeted = this.jdbc.sql("""
				select exists (select 1 from budget where tenant_id = :tenant)
				    or exists (select 1 from plan_limit where tenant_id = :tenant and monthly_tokens is not null)""")
			.param("tenant", tenant)
			.query(Boolean.class)
			.single();
		this.events.publish(new BudgetChanged(tenant, budgeted, Instant.now()));
	}

	private UUID tenantOf(Caller caller, @Nullable UUID requested) {
		return this.directory.tenant(caller, requested, "billing:read")
			.orElseThrow(() -> ApiException.invalid("invalid-request", "Name the tenant: tenantId."));
	}

	static LocalDate month(Instant at) {
		return at.atZone(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1);
	}

	private static long number(@Nullable Object value) {
		return (value instanceof Number number) ? number.longValue() : 0;
	}

	/**
	 * A run's reservation decision.
	 *
	 * @param granted whether the run may start
	 * @param held whether an estimate is held (false when no budget applies)
	 * @param estimateMicros the estimated price
	 * @param estimateTokens the estimated tokens
	 * @param refusal {@code budget-exceeded} or {@code token-quota-exceeded} when refused
	 * @param limit which limit refused it
	 */
	public record Decision(boolean granted, boolean held, long estimateMicros, long estimateTokens,
			@Nullable String refusal, @Nullable String limit) {
	}

	record Limit(UUID id, @Nullable UUID apiKeyId, @Nullable Long limitMicros, @Nullable Long limitTokens,
			int softPercent) {

		String describe() {
			return (this.apiKeyId != null) ? "the API key's monthly budget"
					: (this.limitMicros == null && this.limitTokens != null) ? "the monthly token budget"
							: "the tenant's monthly budget";
		}

	}

	private record Standing(long spentMicros, long spentTokens, long reservedMicros, long reservedTokens) {
	}

}
