package com.hirebuddha.billing.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.hirebuddha.billing.directory.Directory;
import com.hirebuddha.commons.jdbc.Rows;
import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.security.Roles;
import com.hirebuddha.commons.web.ApiException;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the ledger for the caller: a tenant its own rows, a partner admin its tenants'
 * rows, the platform everybody's (row-level security holds the same line underneath).
 * Tenants see what they pay; costs and commissions are for partners and the platform.
 */
@Service
public class LedgerQueries {

	private static final Duration LONGEST_RANGE = Duration.ofDays(400);

	private final JdbcClient jdbc;

	private final Directory directory;

	LedgerQueries(JdbcClient jdbc, Directory directory) {
		this.jdbc = jdbc;
		this.directory = directory;
	}

	/**
	 * A page of ledger rows in ledger order, after a cursor.
	 * @param caller who asks
	 * @param range the period and the tenant filter
	 * @param after the last row id the client has (0 for the start)
	 * @param size the page size
	 * @return the page, with the cursor of the next one
	 */
	@Transactional(readOnly = true)
	public LedgerPage entries(Caller caller, Range range, long after, int size) {
		Scope scope = scope(caller, range);
		List<LedgerEntry> rows = Rows.present(this.jdbc
			.sql("select " + Ledger.COLUMNS + " from ledger_entry where " + scope.where
					+ " and id > :after order by id limit :limit")
			.params(scope.params)
			.param("after", after)
			.param("limit", size + 1)
			.query(LedgerEntry.class)
			.list());
		boolean more = rows.size() > size;
		List<LedgerEntry> items = more ? rows.subList(0, size) : rows;
		if (!scope.seesCost) {
			items = items.stream().map(LedgerQueries::withoutCost).toList();
		}
		Long next = more ? items.get(items.size() - 1).id() : null;
		return new LedgerPage(items, size, next);
	}

	/**
	 * Usage totals grouped by day (UTC), model SKU or agent.
	 * @param caller who asks
	 * @param range the period and the tenant filter
	 * @param groupBy {@code day}, {@code model} or {@code agent}
	 * @return one row per group, in key order
	 */
	@Transactional(readOnly = true)
	public List<UsageRow> usage(Caller caller, Range range, String groupBy) {
		Scope scope = scope(caller, range);
		String key = switch (groupBy) {
			case "day" -> "to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD')";
			case "model" -> "sku";
			case "agent" -> "coalesce(agent_id::text, 'none')";
			default -> throw ApiException.invalid("invalid-group", "groupBy is day, model or agent.");
		};
		boolean seesCost = scope.seesCost;
		return this.jdbc.sql("""
				select %s as key, count(*) filter (where kind = 'USAGE') as calls, sum(input_tokens) as input_tokens,
				       sum(output_tokens) as output_tokens, sum(embedding_tokens) as embedding_tokens,
				       sum(price_micros) as price_micros, sum(cost_micros) as cost_micros,
				       sum(commission_micros) as commission_micros
				from ledger_entry where %s group by 1 order by 1""".formatted(key, scope.where))
			.params(scope.params)
			.query((rs, row) -> usageRow(rs, seesCost))
			.list();
	}

	/**
	 * Writes the rows of a period as CSV, in ledger order, without holding them in
	 * memory.
	 * @param caller who asks
	 * @param range the period and the tenant filter
	 * @param out where the CSV goes
	 */
	@Transactional(readOnly = true)
	public void export(Caller caller, Range range, Writer out) {
		Scope scope = scope(caller, range);
		write(out,
				"id,kind,reverses,occurred_at,tenant_id,partner_id,execution_id,node_id,attempt,agent_id,"
						+ "agent_version,sku,input_tokens,output_tokens,embedding_tokens,price_micros,"
						+ (scope.seesCost ? "cost_micros,commission_micros," : "") + "currency,simulated\n");
		this.jdbc.sql("select " + Ledger.COLUMNS + " from ledger_entry where " + scope.where + " order by id")
			.params(scope.params)
			.query((ResultSet rs) -> {
				StringBuilder line = new StringBuilder(256);
				for (String column : List.of("id", "kind", "reverses")) {
					line.append(csv(rs.getString(column))).append(',');
				}
				line.append(rs.getTimestamp("occurred_at").toInstant()).append(',');
				for (String column : List.of("tenant_id", "partner_id", "execution_id", "node_id", "attempt",
						"agent_id", "agent_version", "sku", "input_tokens", "output_tokens", "embedding_tokens",
						"price_micros")) {
					line.append(csv(rs.getString(column))).append(',');
				}
				if (scope.seesCost) {
					line.append(rs.getLong("cost_micros"))
						.append(',')
						.append(rs.getLong("commission_micros"))
						.append(',');
				}
				line.append(rs.getString("currency")).append(',').append(rs.getBoolean("simulated")).append('\n');
				write(out, line.toString());
			});
	}

	private Scope scope(Caller caller, Range range) {
		// a tenant the caller may not see is 404 here, in every format, before anything
		// is written
		this.directory.tenant(caller, range.tenantId(), "billing:read");
		List<String> where = new ArrayList<>(List.of("occurred_at >= :from", "occurred_at < :to"));
		Map<String, Object> params = new HashMap<>();
		params.put("from", Timestamp.from(range.from()));
		params.put("to", Timestamp.from(range.to()));
		boolean seesCost = true;
		if (caller.hasRole(Roles.PLATFORM_ADMIN)) {
			if (range.tenantId() != null) {
				where.add("tenant_id = :tenant");
				params.put("tenant", range.tenantId());
			}
		}
		else if (caller.hasRole(Roles.PARTNER_ADMIN) && caller.partnerId() != null) {
			where.add("partner_id = :partner");
			params.put("partner", caller.partnerId());
			if (range.tenantId() != null) {
				where.add("tenant_id = :tenant");
				params.put("tenant", range.tenantId());
			}
		}
		else {
			UUID tenant = caller.requireTenant("billing:read");
			if (range.tenantId() != null && !range.tenantId().equals(tenant)) {
				throw ApiException.notFound("tenant", range.tenantId());
			}
			where.add("tenant_id = :tenant");
			params.put("tenant", tenant);
			seesCost = false;
		}
		return new Scope(String.join(" and ", where), params, seesCost);
	}

	private static LedgerEntry withoutCost(LedgerEntry e) {
		return new LedgerEntry(e.id(), e.eventId(), e.kind(), e.reverses(), e.tenantId(), e.partnerId(), e.apiKeyId(),
				e.executionId(), e.nodeId(), e.attempt(), e.agentId(), e.agentVersion(), e.sku(), e.inputTokens(),
				e.outputTokens(), e.embeddingTokens(), null, e.priceMicros(), null, e.currency(), null, e.priceCard(),
				null, e.simulated(), e.reason(), e.occurredAt(), e.recordedAt());
	}

	private static UsageRow usageRow(ResultSet rs, boolean seesCost) throws SQLException {
		return new UsageRow(rs.getString("key"), rs.getLong("calls"), rs.getLong("input_tokens"),
				rs.getLong("output_tokens"), rs.getLong("embedding_tokens"), rs.getLong("price_micros"),
				seesCost ? rs.getLong("cost_micros") : null, seesCost ? rs.getLong("commission_micros") : null);
	}

	private static String csv(@Nullable String value) {
		if (value == null) {
			return "";
		}
		if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
			return '"' + value.replace("\"", "\"\"") + '"';
		}
		return value;
	}

	private static void write(Writer out, String text) {
		try {
			out.write(text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A period, half open, and optionally one tenant.
	 *
	 * @param from the first moment
	 * @param to the moment after the last
	 * @param tenantId only this tenant's rows (for partners and the platform)
	 */
	public record Range(Instant from, Instant to, @Nullable UUID tenantId) {

		/**
		 * Checks the period.
		 * @return this range
		 */
		public Range checked() {
			if (!this.from.isBefore(this.to)) {
				throw ApiException.invalid("invalid-range", "from must be before to.");
			}
			if (Duration.between(this.from, this.to).compareTo(LONGEST_RANGE) > 0) {
				throw ApiException.invalid("invalid-range", "A range covers at most 400 days.");
			}
			return this;
		}

	}

	/**
	 * A page of ledger rows.
	 *
	 * @param items the rows
	 * @param size the page size asked for
	 * @param nextCursor the {@code after} of the next page, absent on the last
	 */
	public record LedgerPage(List<LedgerEntry> items, int size, @Nullable Long nextCursor) {
	}

	/**
	 * Usage of one group. Cost and commission are absent for tenants.
	 *
	 * @param key the day, SKU or agent id
	 * @param calls priced provider calls (reversals not counted)
	 * @param inputTokens input tokens, net of reversals
	 * @param outputTokens output tokens, net of reversals
	 * @param embeddingTokens embedding tokens, net of reversals
	 * @param priceMicros what the tenants pay
	 * @param costMicros what the platform pays
	 * @param commissionMicros what partners earn
	 */
	public record UsageRow(String key, long calls, long inputTokens, long outputTokens, long embeddingTokens,
			long priceMicros, @Nullable Long costMicros, @Nullable Long commissionMicros) {
	}

	private record Scope(String where, Map<String, Object> params, boolean seesCost) {
	}

}
