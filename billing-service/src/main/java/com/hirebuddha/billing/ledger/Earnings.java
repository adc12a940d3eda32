package com.hirebuddha.billing.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.hirebuddha.billing.directory.Directory;
import com.hirebuddha.commons.jdbc.Rows;
import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.security.Roles;
import com.hirebuddha.commons.web.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A partner's earnings over a period, straight from the ledger rows of its tenants: what
 * they paid (revenue), what the calls cost the platform, the partner's commission, and
 * the platform's margin (revenue - cost - commission). Totals are sums of rows, so they
 * reconcile with the ledger to the micro-unit.
 */
@Service
public class Earnings {

	private final JdbcClient jdbc;

	private final Directory directory;

	Earnings(JdbcClient jdbc, Directory directory) {
		this.jdbc = jdbc;
		this.directory = directory;
	}

	/**
	 * Reports a partner's earnings.
	 * @param caller the platform, or that partner's admin
	 * @param partnerId the partner
	 * @param range the period
	 * @param groupBy {@code month} (UTC) or {@code tenant}
	 * @return totals and one line per group
	 */
	@Transactional(readOnly = true)
	public Report report(Caller caller, UUID partnerId, LedgerQueries.Range range, String groupBy) {
		this.directory.partner(caller, partnerId);
		String key = switch (groupBy) {
			case "month" -> "to_char(occurred_at at time zone 'UTC', 'YYYY-MM')";
			case "tenant" -> "tenant_id::text";
			default -> throw ApiException.invalid("invalid-group", "groupBy is month or tenant.");
		};
		List<Line> lines = Rows.present(this.jdbc.sql("""
				select %s as key, count(*) filter (where kind = 'USAGE') as calls,
				       coalesce(sum(price_micros), 0) as revenue_micros, coalesce(sum(cost_micros), 0) as cost_micros,
				       coalesce(sum(commission_micros), 0) as commission_micros,
				       coalesce(sum(price_micros - cost_micros - commission_micros), 0) as margin_micros
				from ledger_entry
				where partner_id = :partner and occurred_at >= :from and occurred_at < :to
				group by 1 order by 1""".formatted(key))
			.param("partner", partnerId)
			.param("from", Timestamp.from(range.from()))
			.param("to", Timestamp.from(range.to()))
			.query(Line.class)
			.list());
		Line total = new Line("total", lines.stream().mapToLong(Line::calls).sum(),
				lines.stream().mapToLong(Line::revenueMicros).sum(), lines.stream().mapToLong(Line::costMicros).sum(),
				lines.stream().mapToLong(Line::commissionMicros).sum(),
				lines.stream().mapToLong(Line::marginMicros).sum());
		return new Report(partnerId, range.from(), range.to(), groupBy, "USD", total, lines);
	}

	/**
	 * Earnings over a period.
	 *
	 * @param partnerId the partner
	 * @param from the period's first moment
	 * @param to the moment after its last
	 * @param groupBy how the lines are grouped
	 * @param currency ISO 4217 code
	 * @param total the whole period
	 * @param items one line per month or tenant
	 */
	public record Report(UUID partnerId, Instant from, Instant to, String groupBy, String currency, Line total,
			List<Line> items) {
	}

	/**
	 * One group's amounts, in micro-units.
	 *
	 * @param key the month ({@code YYYY-MM}) or tenant id
	 * @param calls priced provider calls (reversals not counted)
	 * @param revenueMicros what the partner's tenants paid
	 * @param costMicros what their calls cost the platform
	 * @param commissionMicros the partner's commission
	 * @param marginMicros the platform's margin: revenue - cost - commission
	 */
	public record Line(String key, long calls, long revenueMicros, long costMicros, long commissionMicros,
			long marginMicros) {
	}

}
