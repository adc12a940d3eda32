package com.hirebuddha.billing.budgets;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.hirebuddha.billing.directory.ApiKeyOwners;
import com.hirebuddha.billing.directory.Directory;
import com.hirebuddha.commons.events.EventPublisher;
import com.hirebuddha.commons.jdbc.Rows;
import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.security.Roles;
import com.hirebuddha.commons.web.ApiException;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sets budgets (a tenant's or an API key's monthly limits) and the plan's token budget,
 * and announces whether a tenant is budgeted at all. Reservations against them are
 * {@link Reservations}'.
 */
@Service
public class Budgets {

	static final UUID WHOLE_TENANT = new UUID(0, 0);

	static final String CHANGED_TYPE = "hirebuddha.billing.budget-changed.v1";

	private final JdbcClient jdbc;

	private final EventPublisher events;

	private final Directory directory;

	private final ApiKeyOwners apiKeys;

	private final TransactionTemplate transactions;

	Budgets(JdbcClient jdbc, EventPublisher events, Directory directory, ApiKeyOwners apiKeys,
			TransactionTemplate transactions) {
		this.directory = directory;
		this.apiKeys = apiKeys;
		this.transactions = transactions;
		this.jdbc = jdbc;
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
		LocalDate month = Reservations.month(Instant.now());
		return Rows.present(this.jdbc.sql("""
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
			.list());
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
			.query(Long.class)
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

}
