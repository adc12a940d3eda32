package com.hirebuddha.billing.invoices;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import com.hirebuddha.billing.BillingProperties;
import com.hirebuddha.billing.directory.Directory;
import com.hirebuddha.billing.ledger.InvoicingLock;
import com.hirebuddha.commons.jdbc.Rows;
import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.security.Roles;
import com.hirebuddha.commons.web.ApiException;
import com.hirebuddha.commons.web.PageView;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues and reads invoices. An invoice is computed from the ledger in the transaction
 * that numbers it: the issuer's series moves with it, so numbers have no gaps, and one
 * tenant's invoices are issued one at a time, month after month. Issuing a month again
 * answers the invoice already issued.
 */
@Service
public class Invoices {

	// the amount due is the total rounded half up to whole cents; status follows payments
	private static final String COLUMNS = """
			id, number, issuer, tenant_id, partner_id, to_char(period_start at time zone 'UTC', 'YYYY-MM') as period,
			period_start, period_end, currency, calls, total_micros, issued_at, due_at, amount_due_micros, paid_micros,
			case when paid_micros >= amount_due_micros then 'PAID' when due_at < now() then 'OVERDUE' else 'OPEN' end
			  as status, null as lines""";

	private static final String INVOICES = """
			(select i.*, greatest(0, (i.total_micros + 5000) / 10000 * 10000) as amount_due_micros,
			        coalesce((select sum(p.amount_micros) from payment p where p.invoice_id = i.id), 0) as paid_micros
			 from invoice i) invoice""";

	private final JdbcClient jdbc;

	private final Directory directory;

	private final Duration paymentTerm;

	private final Clock clock = Clock.systemUTC();

	Invoices(JdbcClient jdbc, Directory directory, BillingProperties billing) {
		this.directory = directory;
		this.jdbc = jdbc;
		this.paymentTerm = billing.paymentTerm();
	}

	/**
	 * Issues a tenant's invoice for a month that is over (or answers the one issued).
	 * @param caller the platform, or the tenant's partner admin
	 * @param tenantId the tenant
	 * @param period the month
	 * @return the invoice, and whether this call issued it
	 */
	@Transactional
	public Issued issue(Caller caller, UUID tenantId, YearMonth period) {
		if (!caller.hasRole(Roles.PLATFORM_ADMIN) && !caller.hasRole(Roles.PARTNER_ADMIN)) {
			throw ApiException.notFound("tenant", tenantId);
		}
		this.directory.tenant(caller, tenantId);
		return issueFor(tenantId, period);
	}

	/**
	 * Issues a tenant's invoice for a month, for the scheduler.
	 * @param tenantId the tenant
	 * @param period the month
	 * @return the invoice, and whether this call issued it
	 */
	@Transactional
	public Issued issueFor(UUID tenantId, YearMonth period) {
		Instant start = period.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		Instant end = period.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		Instant now = this.clock.instant();
		if (end.isAfter(now)) {
			throw ApiException.invalid("period-not-over",
					period + " is not over yet; it is invoiced from " + end + " on.");
		}
		// 1. one issuer of this tenant's invoices at a time, and no ledger write of it in
		// flight
		InvoicingLock.exclusive(this.jdbc, tenantId);
		// 2. a month is invoiced once: asking again answers the invoice there is
		Optional<InvoiceView> existing = this.jdbc
			.sql("select " + COLUMNS + " from " + INVOICES + " where tenant_id = :tenant and period_start = :start")
			.param("tenant", tenantId)
			.param("start", Timestamp.from(start))
			.query(InvoiceView.class)
			.optional();
		if (existing.isPresent()) {
			return new Issued(withLines(existing.get()), false);
		}
		// 3. months are invoiced in order, each from where the previous one stopped
		Previous previous = previous(tenantId);
		if (previous.periodEnd().isAfter(start)) {
			throw ApiException.conflict("invoiced-later",
					"A later month is invoiced already; months are invoiced in order.");
		}
		// 4. the lines: every ledger entry of the month up to the newest one now, and the
		// late ones the previous invoice could not see
		long through = this.jdbc.sql("select coalesce(max(id), 0) from ledger_entry where tenant_id = :tenant")
			.param("tenant", tenantId)
			.query(Long.class)
			.single();
		List<InvoiceView.Line> lines = lines(tenantId, through, end, previous);
		// 5. the next number in the issuer's series (the platform's, or the partner's)
		UUID partner = this.directory.partnerOf(tenantId).orElse(null);
		Numbered numbered = nextNumber(partner);
		// 6. the invoice and its lines, in this transaction
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into invoice (id, number, issuer, sequence, tenant_id, partner_id, period_start, period_end,
				                     through_entry, currency, calls, total_micros, issued_at, due_at)
				values (:id, :number, :issuer, :sequence, :tenant, :partner, :start, :end, :through, 'USD', :calls,
				        :total, :issued, :due)""")
			.param("id", id)
			.param("number", numbered.number())
			.param("issuer", numbered.issuer())
			.param("sequence", numbered.sequence())
			.param("tenant", tenantId)
			.param("partner", partner)
			.param("start", Timestamp.from(start))
			.param("end", Timestamp.from(end))
			.param("through", through)
			.param("calls", lines.stream().mapToLong(InvoiceView.Line::calls).sum())
			.param("total", lines.stream().mapToLong(InvoiceView.Line::amountMicros).sum())
			.param("issued", Timestamp.from(now))
			.param("due", Timestamp.from(now.plus(this.paymentTerm)))
			.update();
		storeLines(id, tenantId, lines);
		return new Issued(find(id).orElseThrow(), true);
	}

	// the tenant's latest invoice: where its month ended, and the last ledger entry it
	// saw
	private Previous previous(UUID tenantId) {
		return this.jdbc
			.sql("select period_end, through_entry from invoice where tenant_id = :tenant "
					+ "order by period_start desc limit 1")
			.param("tenant", tenantId)
			.query((rs, row) -> new Previous(rs.getTimestamp(1).toInstant(), rs.getLong(2)))
			.optional()
			.orElse(new Previous(Instant.EPOCH, 0));
	}

	private List<InvoiceView.Line> lines(UUID tenantId, long through, Instant end, Previous previous) {
		return Rows.present(this.jdbc
			.sql("""
					select row_number() over (order by sku)::int as line, sku, count(*) filter (where kind = 'USAGE') as calls,
					       sum(input_tokens) as input_tokens, sum(output_tokens) as output_tokens,
					       sum(embedding_tokens) as embedding_tokens, sum(price_micros) as amount_micros
					from ledger_entry
					where tenant_id = :tenant and id <= :through and occurred_at < :end
					  and not (occurred_at < :previousEnd and id <= :previousThrough)
					group by sku order by sku""")
			.param("tenant", tenantId)
			.param("through", through)
			.param("end", Timestamp.from(end))
			.param("previousEnd", Timestamp.from(previous.periodEnd()))
			.param("previousThrough", previous.throughEntry())
			.query(InvoiceView.Line.class)
			.list());
	}

	// numbers without gaps: the series row is taken in this transaction
	private Numbered nextNumber(@Nullable UUID partner) {
		String issuer = (partner != null) ? partner.toString() : "platform";
		long sequence = this.jdbc.sql("""
				insert into invoice_series (issuer, next_number) values (:issuer, 2)
				on conflict (issuer) do update set next_number = invoice_series.next_number + 1
				returning next_number - 1""").param("issuer", issuer).query(Long.class).single();
		String number = ((partner != null) ? "P" + partner.toString().substring(0, 8).toUpperCase(Locale.ROOT) : "HB")
				+ "-" + String.format(Locale.ROOT, "%06d", sequence);
		return new Numbered(issuer, sequence, number);
	}

	private void storeLines(UUID id, UUID tenantId, List<InvoiceView.Line> lines) {
		for (InvoiceView.Line line : lines) {
			this.jdbc.sql("""
					insert into invoice_line (invoice_id, line, tenant_id, sku, calls, input_tokens, output_tokens,
					                          embedding_tokens, amount_micros)
					values (:id, :line, :tenant, :sku, :calls, :in, :out, :embedding, :amount)""")
				.param("id", id)
				.param("line", line.line())
				.param("tenant", tenantId)
				.param("sku", line.sku())
				.param("calls", line.calls())
				.param("in", line.inputTokens())
				.param("out", line.outputTokens())
				.param("embedding", line.embeddingTokens())
				.param("amount", line.amountMicros())
				.update();
		}
	}

	private record Numbered(String issuer, long sequence, String number) {
	}

	/**
	 * Lists the invoices a caller may see, newest first.
	 * @param caller a tenant (its own), a partner admin (its tenants'), the platform
	 * (all)
	 * @param tenantId only this tenant's, if given
	 * @param page the page
	 * @param size its size
	 * @return the page
	 */
	@Transactional(readOnly = true)
	public PageView<InvoiceView> list(Caller caller, @Nullable UUID tenantId, int page, int size) {
		this.directory.tenant(caller, tenantId, "billing:read");
		String where;
		Object scopeId;
		if (caller.hasRole(Roles.PLATFORM_ADMIN)) {
			where = (tenantId != null) ? "tenant_id = :scope" : "true";
			scopeId = (tenantId != null) ? tenantId : "";
		}
		else if (caller.hasRole(Roles.PARTNER_ADMIN) && caller.partnerId() != null) {
			where = "partner_id = :scope" + ((tenantId != null) ? " and tenant_id = :tenant" : "");
			scopeId = caller.partnerId();
		}
		else {
			where = "tenant_id = :scope";
			scopeId = caller.requireTenant("billing:read");
		}
		long total = this.jdbc.sql("select count(*) from invoice where " + where)
			.param("scope", scopeId)
			.param("tenant", tenantId)
			.query(Long.class)
			.single();
		List<InvoiceView> items = Rows.present(this.jdbc
			.sql("select " + COLUMNS + " from " + INVOICES + " where " + where
					+ " order by period_start desc, issued_at desc limit :limit offset :offset")
			.param("scope", scopeId)
			.param("tenant", tenantId)
			.param("limit", size)
			.param("offset", (long) page * size)
			.query(InvoiceView.class)
			.list());
		return new PageView<>(items, page, size, total);
	}

	/**
	 * Finds an invoice with its lines, in the caller's scope (row-level security hides
	 * other tenants' invoices).
	 * @param id the invoice
	 * @return the invoice
	 */
	@Transactional(readOnly = true)
	public Optional<InvoiceView> find(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from " + INVOICES + " where id = :id")
			.param("id", id)
			.query(InvoiceView.class)
			.optional()
			.map(this::withLines);
	}

	/**
	 * Finds an invoice a caller may see.
	 * @param caller who asks
	 * @param id the invoice
	 * @return the invoice, or 404
	 */
	@Transactional(readOnly = true)
	public InvoiceView get(Caller caller, UUID id) {
		InvoiceView invoice = find(id).orElseThrow(() -> ApiException.notFound("invoice", id));
		boolean visible = caller.hasRole(Roles.PLATFORM_ADMIN)
				|| (caller.hasRole(Roles.PARTNER_ADMIN) && invoice.partnerId() != null
						&& invoice.partnerId().equals(caller.partnerId()))
				|| invoice.tenantId().equals(caller.tenantId());
		if (!visible) {
			throw ApiException.notFound("invoice", id);
		}
		if (!caller.hasRole(Roles.PLATFORM_ADMIN) && !caller.hasRole(Roles.PARTNER_ADMIN)) {
			caller.requireTenant("billing:read");
		}
		return invoice;
	}

	/**
	 * Invoices not paid in full that fell due before a moment (for dunning, in system
	 * scope).
	 * @param moment the moment
	 * @param tenantId only this tenant's, if given
	 * @return the invoices, without lines, oldest due first
	 */
	@Transactional(readOnly = true)
	public List<InvoiceView> unpaidDueBefore(Instant moment, @Nullable UUID tenantId) {
		return Rows.present(this.jdbc
			.sql("select " + COLUMNS + " from " + INVOICES
					+ " where due_at < :moment and paid_micros < amount_due_micros"
					+ " and (cast(:tenant as uuid) is null or tenant_id = :tenant) order by due_at")
			.param("moment", Timestamp.from(moment))
			.param("tenant", tenantId)
			.query(InvoiceView.class)
			.list());
	}

	private InvoiceView withLines(InvoiceView invoice) {
		return invoice.withLines(Rows.present(this.jdbc.sql("""
				select line, sku, calls, input_tokens, output_tokens, embedding_tokens, amount_micros
				from invoice_line where invoice_id = :id order by line""")
			.param("id", invoice.id())
			.query(InvoiceView.Line.class)
			.list()));
	}

	/**
	 * An invoice and whether this call issued it.
	 *
	 * @param invoice the invoice
	 * @param created false when it had been issued before
	 */
	public record Issued(InvoiceView invoice, boolean created) {
	}

	private record Previous(Instant periodEnd, long throughEntry) {
	}

}
