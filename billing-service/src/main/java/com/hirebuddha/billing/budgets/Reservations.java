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
import java.util.UUID;

import com.hirebuddha.billing.ledger.Ledger;
import com.hirebuddha.commons.events.EventPublisher;
import com.hirebuddha.commons.security.Caller;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides reservations. A reservation locks the budgets that apply (the tenant's, the API
 * key's, the plan's token budget) and grants the run only if what was priced this month,
 * plus what running runs hold, plus this run's estimate stays within every limit
 * ({@link Limit#judge}); concurrent reservations queue on those locks, so together they
 * cannot promise more than a limit. A refusal is decided, recorded and announced in a
 * committed transaction; the caller turns it into 402 or 429.
 */
@Service
class Reservations {

	static final String WARNING_TYPE = "hirebuddha.billing.budget-warning.v1";

	static final String EXCEEDED_TYPE = "hirebuddha.billing.budget-exceeded.v1";

	private static final Duration LONGEST_HOLD = Duration.ofHours(2);

	private final JdbcClient jdbc;

	private final Ledger ledger;

	private final EventPublisher events;

	Reservations(JdbcClient jdbc, Ledger ledger, EventPublisher events) {
		this.jdbc = jdbc;
		this.ledger = ledger;
		this.events = events;
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
			Verdict verdict = limit.judge(standing, micros, tokens);
			if (verdict.refusal() != null) {
				alert(tenant, limit, month, "EXCEEDED", standing);
				return new Decision(false, false, micros, tokens, verdict.refusal(), limit.describe());
			}
			if (verdict == Verdict.NEAR) {
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
		Map<String, @Nullable Object> spent = this.jdbc.sql("""
				select coalesce(sum(price_micros), 0) as micros, coalesce(sum(tokens), 0) as tokens from monthly_spend
				where tenant_id = :tenant and api_key_id = :key and month = :month""")
			.param("tenant", tenant)
			.param("key", (key != null) ? key : Budgets.WHOLE_TENANT)
			.param("month", Date.valueOf(month))
			.query()
			.singleRow();
		Map<String, @Nullable Object> reserved = this.jdbc
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

	/**
	 * One limit that applies to a run: a budget (the tenant's or an API key's) or the
	 * plan's token budget.
	 *
	 * @param id the budget (or a name derived from the plan)
	 * @param apiKeyId the key it limits, or null for the whole tenant
	 * @param limitMicros money per month, if limited
	 * @param limitTokens tokens per month, if limited
	 * @param softPercent the share of a limit at which a warning is announced
	 */
	record Limit(UUID id, @Nullable UUID apiKeyId, @Nullable Long limitMicros, @Nullable Long limitTokens,
			int softPercent) {

		/**
		 * Whether a run with this estimate fits: what was spent this month, plus what
		 * running runs hold, plus the estimate, against each limit. Money is judged
		 * before tokens; the warning comes at {@code softPercent} of either.
		 * @param standing this month's spend and holds under this limit
		 * @param micros the run's estimated price
		 * @param tokens the run's estimated tokens
		 * @return the verdict
		 */
		Verdict judge(Standing standing, long micros, long tokens) {
			long moneyAfter = standing.spentMicros() + standing.reservedMicros() + micros;
			long tokensAfter = standing.spentTokens() + standing.reservedTokens() + tokens;
			if (this.limitMicros != null && moneyAfter > this.limitMicros) {
				return Verdict.OVER_BUDGET;
			}
			if (this.limitTokens != null && tokensAfter > this.limitTokens) {
				return Verdict.OVER_TOKEN_QUOTA;
			}
			boolean near = (this.limitMicros != null && moneyAfter * 100 >= this.limitMicros * this.softPercent)
					|| (this.limitTokens != null && tokensAfter * 100 >= this.limitTokens * this.softPercent);
			return near ? Verdict.NEAR : Verdict.WITHIN;
		}

		String describe() {
			return (this.apiKeyId != null) ? "the API key's monthly budget"
					: (this.limitMicros == null && this.limitTokens != null) ? "the monthly token budget"
							: "the tenant's monthly budget";
		}

	}

	/** What a limit says of a run's estimate. */
	enum Verdict {

		/** It fits, below the warning threshold. */
		WITHIN(null),

		/** It fits, at or past the warning threshold. */
		NEAR(null),

		/** The money limit would be passed: refused with 402. */
		OVER_BUDGET("budget-exceeded"),

		/** The token limit would be passed: refused with 429. */
		OVER_TOKEN_QUOTA("token-quota-exceeded");

		private final @Nullable String refusal;

		Verdict(@Nullable String refusal) {
			this.refusal = refusal;
		}

		/**
		 * The problem type a refusal answers with.
		 * @return the slug, or null when the run fits
		 */
		@Nullable String refusal() {
			return this.refusal;
		}

	}

	/**
	 * This month's spend and holds under one limit.
	 *
	 * @param spentMicros priced this month
	 * @param spentTokens tokens used this month
	 * @param reservedMicros held by running runs
	 * @param reservedTokens tokens held by running runs
	 */
	record Standing(long spentMicros, long spentTokens, long reservedMicros, long reservedTokens) {
	}

}
