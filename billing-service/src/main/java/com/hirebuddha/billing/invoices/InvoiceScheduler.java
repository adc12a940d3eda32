package com.hirebuddha.billing.invoices;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.hirebuddha.commons.jdbc.Rows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * On the first of each month, issues last month's invoice to every tenant with ledger
 * rows no invoice covers yet. Several instances may run it at once: issuing is idempotent
 * per tenant and month.
 */
@Component
class InvoiceScheduler {

	private static final Logger log = LoggerFactory.getLogger(InvoiceScheduler.class);

	private final JdbcClient jdbc;

	private final Invoices invoices;

	InvoiceScheduler(JdbcClient jdbc, Invoices invoices) {
		this.jdbc = jdbc;
		this.invoices = invoices;
	}

	@Scheduled(cron = "${hb.billing.invoice-cron:0 0 3 1 * *}", zone = "UTC")
	void issueLastMonth() {
		YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
		List<UUID> tenants = Rows.present(this.jdbc.sql("""
				select b.tenant_id from ledger_balance b
				where exists (select 1 from ledger_entry e where e.tenant_id = b.tenant_id
				              and e.id > coalesce((select max(i.through_entry) from invoice i
				                                   where i.tenant_id = b.tenant_id), 0))""").query(UUID.class).list());
		int issued = 0;
		for (UUID tenant : tenants) {
			try {
				if (this.invoices.issueFor(tenant, month).created()) {
					issued++;
				}
			}
			catch (RuntimeException ex) {
				log.warn("invoice of tenant {} for {} not issued: {}", tenant, month, ex.toString());
			}
		}
		log.info("invoices for {}: {} issued", month, issued);
	}

}
