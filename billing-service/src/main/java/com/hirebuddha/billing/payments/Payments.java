package com.hirebuddha.billing.payments;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.hirebuddha.billing.invoices.InvoiceView;
import com.hirebuddha.billing.invoices.Invoices;
import com.hirebuddha.commons.events.EventPublisher;
import com.hirebuddha.commons.jdbc.Rows;
import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.security.Roles;
import com.hirebuddha.commons.tenancy.DbScope;
import com.hirebuddha.commons.web.ApiException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes payments. A card payment charges the outstanding amount through the payment
 * provider outside any database transaction, with an idempotency key derived from the
 * invoice and what was paid before, so a retried request (or one retried after a crash)
 * charges once and is recorded once. Paying an invoice in full announces it, and if
 * dunning had the tenant suspended and nothing else is overdue, asks tenant-service to
 * reactivate it.
 */
@Service
public class Payments {

	static final String PAID_TYPE = "hirebuddha.billing.invoice-paid.v1";

	static final String REACTIVATION_TYPE = "hirebuddha.billing.reactivation-requested.v1";

	private final JdbcClient jdbc;

	private final Invoices invoices;

	private final EventPublisher events;

	private final TransactionTemplate transactions;

	private final ObjectProvider<PaymentProvider> provider;

	private final Dunning dunning;

	Payments(JdbcClient jdbc, Invoices invoices, EventPublisher events, TransactionTemplate transactions,
			ObjectProvider<PaymentProvider> provider, Dunning dunning) {
		this.jdbc = jdbc;
		this.invoices = invoices;
		this.events = events;
		this.transactions = transactions;
		this.provider = provider;
		this.dunning = dunning;
	}

	/**
	 * Pays an invoice.
	 * @param caller the tenant's admin (card), or the platform or issuing partner
	 * (either)
	 * @param invoiceId the invoice
	 * @param request how
	 * @return the payment
	 */
	public PaymentView pay(Caller caller, UUID invoiceId, PaymentRequest request) {
		InvoiceView invoice = this.invoices.get(caller, invoiceId);
		boolean admin = caller.hasRole(Roles.PLATFORM_ADMIN) || (caller.hasRole(Roles.PARTNER_ADMIN)
				&& invoice.partnerId() != null && invoice.partnerId().equals(caller.partnerId()));
		long outstanding = invoice.outstandingMicros();
		if (outstanding == 0) {
			throw ApiException.conflict("invoice-paid", "Invoice " + invoice.number() + " is paid.");
		}
		if ("manual".equals(request.method())) {
			if (!admin) {
				throw ApiException.forbidden("forbidden", "Payments received by transfer are recorded by the issuer.");
			}
			if (request.amountMicros() == null || request.amountMicros() % 10_000 != 0 || request.reference() == null
					|| request.reference().isBlank()) {
				throw ApiException.invalid("invalid-payment",
						"A recorded payment names its amountMicros, in whole cents, and its reference (once per invoice).");
			}
			return record(invoice, request.amountMicros(), "manual", null, request.reference(), caller.subject());
		}
		if (!admin && !caller.hasRole(Roles.TENANT_ADMIN)) {
			throw ApiException.forbidden("forbidden", "Invoices are paid by the tenant's admins.");
		}
		caller.requireUser("paying an invoice");
		if (request.paymentMethodId() == null) {
			throw ApiException.invalid("invalid-payment", "A card payment names its paymentMethodId.");
		}
		PaymentProvider cards = this.provider.getIfAvailable();
		if (cards == null) {
			throw ApiException.invalid("payments-not-configured",
					"Card payments are not set up on this platform (STRIPE_SECRET_KEY); the issuer records transfers.");
		}
		long cents = (outstanding + 9_999) / 10_000;
		// a retry with the same card charges once; another card after a decline is a new
		// charge
		String key = UUID
			.nameUUIDFromBytes(("invoice:" + invoice.id() + ":paid:" + invoice.paidMicros() + ":method:"
					+ request.paymentMethodId())
				.getBytes(StandardCharsets.UTF_8))
			.toString();
		PaymentProvider.Result result = cards.charge(new PaymentProvider.Charge(invoice.id(), invoice.number(), cents,
				invoice.currency(), request.paymentMethodId(), key));
		if (!result.succeeded()) {
			throw ApiException.paymentRequired("payment-declined",
					"The payment was not taken: " + result.message() + " (" + result.declineCode() + ")",
					java.time.Duration.ZERO);
		}
		return record(invoice, result.amountCents() * 10_000, "card", result.reference(), null, caller.subject());
	}

	/**
	 * The payments of an invoice the caller may see.
	 * @param caller who asks
	 * @param invoiceId the invoice
	 * @return the payments, oldest first
	 */
	public List<PaymentView> list(Caller caller, UUID invoiceId) {
		this.invoices.get(caller, invoiceId);
		return Rows.present(this.jdbc.sql("""
				select id, invoice_id, amount_micros, method, provider_reference, reference, paid_at
				from payment where invoice_id = :id order by paid_at""")
			.param("id", invoiceId)
			.query(PaymentView.class)
			.list());
	}

	private PaymentView record(InvoiceView invoice, long micros, String method, @Nullable String providerReference,
			@Nullable String reference, String by) {
		PaymentView payment = this.transactions.execute((status) -> {
			// one writer per invoice: a payment and a dunning step do not cross
			Dunning.lock(this.jdbc, invoice.id());
			UUID id = UUID.randomUUID();
			Instant now = Instant.now();
			int stored = this.jdbc
				.sql("""
						insert into payment (id, invoice_id, tenant_id, amount_micros, method, provider_reference, reference,
						                     paid_at, recorded_by)
						values (:id, :invoice, :tenant, :amount, :method, :providerReference, :reference, :at, :by)
						on conflict do nothing""")
				.param("id", id)
				.param("invoice", invoice.id())
				.param("tenant", invoice.tenantId())
				.param("amount", micros)
				.param("method", method)
				.param("providerReference", providerReference)
				.param("reference", reference)
				.param("at", Timestamp.from(now))
				.param("by", by)
				.update();
			if (stored == 0) {
				// recorded before: the provider answered this charge already, or a
				// retried request records the same transfer
				return this.jdbc.sql("""
						select id, invoice_id, amount_micros, method, provider_reference, reference, paid_at
						from payment where provider_reference = :ref
						   or (method = 'manual' and invoice_id = :invoice and reference = :reference)""")
					.param("ref", providerReference)
					.param("invoice", invoice.id())
					.param("reference", reference)
					.query(PaymentView.class)
					.single();
			}
			settled(invoice.id());
			return new PaymentView(id, invoice.id(), micros, method, providerReference, reference, now);
		});
		reactivateIfDunningSuspended(invoice);
		return java.util.Objects.requireNonNull(payment);
	}

	// paid in full: announce it, and undo a suspension that was for overdue invoices only
	private void settled(UUID invoiceId) {
		InvoiceView invoice = this.invoices.find(invoiceId).orElseThrow();
		if (invoice.outstandingMicros() > 0) {
			return;
		}
		this.events.publish(id(invoiceId, "paid"),
				new InvoicePaid(invoiceId, invoice.number(), invoice.tenantId(), invoice.paidMicros()));
	}

	// after the payment committed, in the service's own scope: whoever paid (the tenant,
	// its partner), dunning's own records decide whether the tenant was suspended for
	// this
	private void reactivateIfDunningSuspended(InvoiceView invoice) {
		DbScope.run(DbScope.SYSTEM, () -> this.transactions.executeWithoutResult((status) -> {
			boolean suspendedByDunning = this.jdbc
				.sql("select count(*) from dunning_step where tenant_id = :tenant and step = 'suspend'")
				.param("tenant", invoice.tenantId())
				.query(Long.class)
				.single() > 0;
			InvoiceView now = this.invoices.find(invoice.id()).orElseThrow();
			if (suspendedByDunning && now.outstandingMicros() == 0
					&& this.dunning.suspendable(invoice.tenantId(), Instant.now()).isEmpty()) {
				this.events.publish(id(invoice.id(), "reactivate"), new ReactivationRequested(invoice.tenantId(),
						"REACTIVATED", "Invoice " + invoice.number() + " was paid."));
			}
		}));
	}

	static UUID id(UUID invoiceId, String what) {
		return UUID.nameUUIDFromBytes((invoiceId + ":" + what).getBytes(StandardCharsets.UTF_8));
	}

}
