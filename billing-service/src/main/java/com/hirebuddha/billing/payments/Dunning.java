package com.hirebuddha.billing.payments;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.hirebuddha.billing.BillingProperties;
import com.hirebuddha.billing.invoices.InvoiceView;
import com.hirebuddha.billing.invoices.Invoices;
import com.hirebuddha.commons.events.Event;
import com.hirebuddha.commons.events.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chases overdue invoices, hourly: a reminder when an invoice goes overdue and again 7
 * and 14 days later ({@code payment-overdue} on {@code billing.events}, for
 * notification), and after {@code hb.billing.dunning.suspend-after} (21 days) a request
 * to suspend the tenant ({@code suspension-requested}, which tenant-service applies with
 * reason {@code PAYMENT_OVERDUE}). Each step happens once per invoice; paying lifts the
 * suspension ({@link Payments}).
 */
@Service
public class Dunning {

	static final String OVERDUE_TYPE = "hirebuddha.billing.payment-overdue.v1";

	static final String SUSPENSION_TYPE = "hirebuddha.billing.suspension-requested.v1";

	private static final Logger log = LoggerFactory.getLogger(Dunning.class);

	private static final Map<String, Duration> REMINDERS = Map.of("reminder-1", Duration.ZERO, "reminder-2",
			Duration.ofDays(7), "reminder-3", Duration.ofDays(14));

	private final JdbcClient jdbc;

	private final EventPublisher events;

	private final TransactionTemplate transactions;

	private final Duration suspendAfter;

	private final Invoices invoices;

	Dunning(JdbcClient jdbc, EventPublisher events, TransactionTemplate transactions, Invoices invoices,
			BillingProperties billing) {
		this.jdbc = jdbc;
		this.invoices = invoices;
		this.events = events;
		this.transactions = transactions;
		this.suspendAfter = billing.dunning().suspendAfter();
	}

	@Scheduled(cron = "${hb.billing.dunning-cron:0 5 * * * *}", zone = "UTC")
	void hourly() {
		int steps = run(Instant.now());
		if (steps > 0) {
			log.info("dunning: {} steps taken", steps);
		}
	}

	/**
	 * Takes every dunning step that is due at a moment.
	 * @param now the moment
	 * @return how many steps were taken
	 */
	public int run(Instant now) {
		int taken = 0;
		for (InvoiceView invoice : this.invoices.unpaidDueBefore(now, null)) {
			Duration late = Duration.between(invoice.dueAt(), now);
			for (Map.Entry<String, Duration> reminder : REMINDERS.entrySet()) {
				if (late.compareTo(reminder.getValue()) >= 0 && step(invoice, reminder.getKey(), late)) {
					taken++;
				}
			}
			if (late.compareTo(this.suspendAfter) >= 0 && step(invoice, "suspend", late)) {
				taken++;
			}
		}
		return taken;
	}

	/**
	 * A tenant's invoices that are unpaid past the suspension threshold.
	 * @param tenantId the tenant
	 * @param now the moment
	 * @return them
	 */
	List<InvoiceView> suspendable(UUID tenantId, Instant now) {
		return this.invoices.unpaidDueBefore(now.minus(this.suspendAfter), tenantId);
	}

	// one step, once: recorded and announced in one transaction
	private boolean step(InvoiceView invoice, String step, Duration late) {
		Boolean taken = this.transactions.execute((status) -> {
			lock(this.jdbc, invoice.id());
			// paid since the list was read: nothing to chase
			if (this.invoices.find(invoice.id()).map(InvoiceView::outstandingMicros).orElse(0L) == 0) {
				return false;
			}
			int inserted = this.jdbc.sql("""
					insert into dunning_step (invoice_id, step, tenant_id) values (:invoice, :step, :tenant)
					on conflict do nothing""")
				.param("invoice", invoice.id())
				.param("step", step)
				.param("tenant", invoice.tenantId())
				.update();
			if (inserted == 0) {
				return false;
			}
			Event event = "suspend".equals(step)
					? new SuspensionRequested(invoice.tenantId(), invoice.id(), invoice.number(),
							invoice.amountDueMicros(), invoice.paidMicros(), late.toDays(), "PAYMENT_OVERDUE",
							"Invoice " + invoice.number() + " is " + late.toDays() + " days overdue.")
					: new PaymentOverdue(invoice.tenantId(), invoice.id(), invoice.number(), invoice.amountDueMicros(),
							invoice.paidMicros(), late.toDays(), Integer.parseInt(step.substring(step.length() - 1)));
			this.events.publish(Payments.id(invoice.id(), step), event);
			return true;
		});
		return Boolean.TRUE.equals(taken);
	}

	/**
	 * Serializes the writers of one invoice's payments and dunning steps, for the
	 * surrounding transaction.
	 * @param jdbc the database
	 * @param invoiceId the invoice
	 */
	static void lock(JdbcClient jdbc, UUID invoiceId) {
		jdbc.sql("select pg_advisory_xact_lock(hashtext('invoice-payments:' || :invoice))")
			.param("invoice", invoiceId.toString())
			.query()
			.singleRow();
	}

}
