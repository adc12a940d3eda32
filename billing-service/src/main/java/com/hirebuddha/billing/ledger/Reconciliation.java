package com.hirebuddha.billing.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks the ledger against itself, nightly and on demand: every tenant's balance equals
 * the sum of its rows, and every provider call (execution, node, attempt) has exactly one
 * usage row. A finding is logged, counted in {@code hb_ledger_reconciliation_findings}
 * and kept with the run; nothing is changed (corrections are reversing rows).
 */
@Service
public class Reconciliation {

	private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

	private final JdbcClient jdbc;

	private final JsonMapper json = JsonMapper.builder().build();

	private final AtomicLong findings = new AtomicLong();

	Reconciliation(JdbcClient jdbc, MeterRegistry meters) {
		this.jdbc = jdbc;
		Gauge.builder("hb.ledger.reconciliation.findings", this.findings, AtomicLong::get)
			.description("Balances that differ from their rows and provider calls without exactly one row, last run")
			.register(meters);
	}

	@Scheduled(cron = "${hb.billing.reconciliation-cron:0 30 2 * * *}", zone = "UTC")
	void nightly() {
		Report report = run();
		if (!report.ok()) {
			log.warn("ledger reconciliation found {} mismatched balances and {} provider calls without exactly one row",
					report.mismatchedBalances().size(), report.duplicatedCalls().size());
		}
	}

	/**
	 * Reconciles the whole ledger now.
	 * @return what was found
	 */
	@Transactional
	public Report run() {
		Instant started = Instant.now();
		List<Map<String, @Nullable Object>> balances = this.jdbc.sql("""
				select coalesce(b.tenant_id, s.tenant_id) as tenant_id,
				       b.entries as balance_entries, s.entries as row_entries,
				       b.price_micros as balance_price_micros, s.price_micros as row_price_micros,
				       b.cost_micros as balance_cost_micros, s.cost_micros as row_cost_micros
				from ledger_balance b
				full join (select tenant_id, count(*) as entries, sum(input_tokens) as input_tokens,
				                  sum(output_tokens) as output_tokens, sum(embedding_tokens) as embedding_tokens,
				                  sum(cost_micros) as cost_micros, sum(price_micros) as price_micros,
				                  sum(commission_micros) as commission_micros
				           from ledger_entry group by tenant_id) s on s.tenant_id = b.tenant_id
				where (b.entries, b.input_tokens, b.output_tokens, b.embedding_tokens, b.cost_micros, b.price_micros,
				       b.commission_micros)
				      is distinct from (s.entries, s.input_tokens, s.output_tokens, s.embedding_tokens, s.cost_micros,
				                        s.price_micros, s.commission_micros)
				order by 1 limit 100
				""").query().listOfRows();
		List<Map<String, @Nullable Object>> calls = this.jdbc.sql("""
				select execution_id, node_id, attempt, count(*) as rows from ledger_entry
				where kind = 'USAGE' and execution_id is not null
				group by execution_id, node_id, attempt having count(*) <> 1 order by 1 limit 100
				""").query().listOfRows();
		Map<String, @Nullable Object> totals = this.jdbc
			.sql("""
					select count(*) as entries, coalesce(sum(price_micros), 0) as price_micros,
					       coalesce(sum(cost_micros), 0) as cost_micros, coalesce(sum(commission_micros), 0) as commission_micros
					from ledger_entry""")
			.query()
			.singleRow();
		Report report = new Report(UUID.randomUUID(), started, Instant.now(), balances.isEmpty() && calls.isEmpty(),
				totals, balances, calls);
		this.jdbc.sql("""
				insert into reconciliation_run (id, started_at, finished_at, ok, report)
				values (:id, :started, :finished, :ok, :report::jsonb)
				""")
			.param("id", report.id())
			.param("started", Timestamp.from(report.startedAt()))
			.param("finished", Timestamp.from(report.finishedAt()))
			.param("ok", report.ok())
			.param("report", this.json.writeValueAsString(report))
			.update();
		this.findings.set(balances.size() + calls.size());
		return report;
	}

	/**
	 * The latest run, if any.
	 * @return its report
	 */
	@Transactional(readOnly = true)
	public @Nullable Map<String, Object> latest() {
		return this.jdbc.sql("select report::text from reconciliation_run order by finished_at desc limit 1")
			.query(String.class)
			.optional()
			.map((text) -> this.json.readValue(text, LinkedHashMap.class))
			.map((map) -> {
				@SuppressWarnings("unchecked")
				Map<String, Object> report = (Map<String, Object>) map;
				return report;
			})
			.orElse(null);
	}

	/**
	 * What a reconciliation found.
	 *
	 * @param id the run
	 * @param startedAt when it started
	 * @param finishedAt when it finished
	 * @param ok whether nothing was found
	 * @param totals the whole ledger's row count and amounts
	 * @param mismatchedBalances tenants whose balance differs from their rows (at most
	 * 100)
	 * @param duplicatedCalls provider calls with more than one usage row (at most 100)
	 */
	public record Report(UUID id, Instant startedAt, Instant finishedAt, boolean ok,
			Map<String, @Nullable Object> totals, List<Map<String, @Nullable Object>> mismatchedBalances,
			List<Map<String, @Nullable Object>> duplicatedCalls) {
	}

}
