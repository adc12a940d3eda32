package com.hirebuddha.billing.ledger;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;

import com.hirebuddha.billing.ratecards.RateBook;
import com.hirebuddha.billing.ratecards.RateCards;
import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.security.Roles;
import com.hirebuddha.commons.web.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes the ledger. A batch of usage events becomes one row per event never seen before
 * (the event id is unique, so a redelivery writes nothing) and the tenants' balances move
 * by what was written, in one transaction. Corrections are reversing rows.
 */
@Service
public class Ledger {

	static final String COLUMNS = """
			id, event_id, kind, reverses, tenant_id, partner_id, api_key_id, execution_id, node_id, attempt, agent_id,
			agent_version, sku, input_tokens, output_tokens, embedding_tokens, cost_micros, price_micros,
			commission_micros, currency, cost_card, price_card, commission_card, simulated, reason, occurred_at,
			recorded_at""";

	private final JdbcClient jdbc;

	private final RateCards rateCards;

	private final Counter written;

	private final Counter duplicates;

	Ledger(JdbcClient jdbc, RateCards rateCards, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.rateCards = rateCards;
		this.written = Counter.builder("hb.ledger.entries")
			.description("Usage events priced into the ledger")
			.register(meters);
		this.duplicates = Counter.builder("hb.ledger.duplicates")
			.description("Usage events delivered again and written no second time")
			.register(meters);
	}

	/**
	 * Prices and records usage events, each once.
	 * @param events the events, keyed by event id
	 * @return how many rows were written (events seen before write none)
	 */
	@Transactional
	public int record(Map<UUID, UsageRecorded> events) {
		if (events.isEmpty()) {
			return 0;
		}
		InvoicingLock.shared(this.jdbc, events.values().stream().map(UsageRecorded::tenantId).toList());
		RateBook book = this.rateCards.book();
		List<Pricing.Priced> priced = events.values().stream().map((usage) -> Pricing.price(book, usage)).toList();
		UUID[] ids = events.keySet().toArray(UUID[]::new);
		int inserted = this.jdbc
			.sql("""
					with batch as (
					  select * from unnest(:ids::uuid[], :tenants::uuid[], :partners::uuid[], :keys::uuid[], :executions::uuid[],
					                       :nodes::text[], :attempts::int[], :agents::uuid[], :versions::int[], :skus::text[],
					                       :inputs::bigint[], :outputs::bigint[], :embeddings::bigint[], :costs::bigint[],
					                       :prices::bigint[], :commissions::bigint[], :currencies::text[], :costCards::bigint[],
					                       :priceCards::bigint[], :commissionCards::bigint[], :simulated::boolean[],
					                       :occurred::timestamptz[])
					    as b(event_id, tenant_id, partner_id, api_key_id, execution_id, node_id, attempt, agent_id, agent_version, sku,
					         input_tokens, output_tokens, embedding_tokens, cost_micros, price_micros, commission_micros,
					         currency, cost_card, price_card, commission_card, simulated, occurred_at)
					), inserted as (
					  insert into ledger_entry (event_id, kind, tenant_id, partner_id, api_key_id, execution_id, node_id, attempt, agent_id,
					                            agent_version, sku, input_tokens, output_tokens, embedding_tokens, cost_micros,
					                            price_micros, commission_micros, currency, cost_card, price_card,
					                            commission_card, simulated, occurred_at)
					  select event_id, 'USAGE', tenant_id, partner_id, api_key_id, execution_id, node_id, attempt, agent_id, agent_version,
					         sku, input_tokens, output_tokens, embedding_tokens, cost_micros, price_micros, commission_micros,
					         currency, cost_card, price_card, commission_card, simulated, occurred_at
					  from batch
					  on conflict (event_id) do nothing
					  returning tenant_id, partner_id, api_key_id, execution_id, input_tokens, output_tokens,
					            embedding_tokens, cost_micros, price_micros, commission_micros, occurred_at
					), balanced as (
					  %s
					  from inserted group by tenant_id
					  %s
					), %s
					select count(*) from inserted
					"""
				.formatted(BALANCE_INSERT, BALANCE_UPSERT, SPEND + ", " + SETTLE))
			.param("ids", ids)
			.param("tenants", column(priced, (p) -> p.usage().tenantId(), UUID[]::new))
			.param("partners", column(priced, (p) -> p.usage().partnerId(), UUID[]::new))
			.param("keys", column(priced, (p) -> p.usage().apiKeyId(), UUID[]::new))
			.param("executions", column(priced, (p) -> p.usage().executionId(), UUID[]::new))
			.param("nodes", column(priced, (p) -> p.usage().nodeId(), String[]::new))
			.param("attempts", column(priced, (p) -> p.usage().attempt(), Integer[]::new))
			.param("agents", column(priced, (p) -> p.usage().agentId(), UUID[]::new))
			.param("versions", column(priced, (p) -> p.usage().agentVersion(), Integer[]::new))
			.param("skus", column(priced, (p) -> p.usage().sku(), String[]::new))
			.param("inputs", column(priced, (p) -> p.usage().inputTokens(), Long[]::new))
			.param("outputs", column(priced, (p) -> p.usage().outputTokens(), Long[]::new))
			.param("embeddings", column(priced, (p) -> p.usage().embedding(), Long[]::new))
			.param("costs", column(priced, Pricing.Priced::costMicros, Long[]::new))
			.param("prices", column(priced, Pricing.Priced::priceMicros, Long[]::new))
			.param("commissions", column(priced, Pricing.Priced::commissionMicros, Long[]::new))
			.param("currencies", column(priced, Pricing.Priced::currency, String[]::new))
			.param("costCards", column(priced, Pricing.Priced::costCard, Long[]::new))
			.param("priceCards", column(priced, Pricing.Priced::priceCard, Long[]::new))
			.param("commissionCards", column(priced, Pricing.Priced::commissionCard, Long[]::new))
			.param("simulated", column(priced, (p) -> p.usage().simulated(), Boolean[]::new))
			.param("occurred", column(priced, (p) -> p.usage().occurredAt().toString(), String[]::new))
			.query(Integer.class)
			.single();
		this.written.increment(inserted);
		this.duplicates.increment(events.size() - inserted);
		return inserted;
	}

	/**
	 * Prices calls as they would be priced now, for estimates: one rate book for all of
	 * them.
	 * @param tenantId the tenant
	 * @param partnerId the tenant's partner, if any
	 * @return the quote
	 */
	public Quote quoteNow(UUID tenantId, @Nullable UUID partnerId) {
		RateBook book = this.rateCards.book();
		java.time.Instant now = java.time.Instant.now();
		return (sku, inputTokens, outputTokens) -> Pricing
			.price(book,
					new UsageRecorded(null, null, null, tenantId, partnerId, null, null, null, sku, inputTokens,
							outputTokens, 0L, 0, false, now))
			.priceMicros();
	}

	/**
	 * Prices one call with the cards of a moment.
	 */
	@FunctionalInterface
	public interface Quote {

		/**
		 * Prices a call.
		 * @param sku the model SKU
		 * @param inputTokens input tokens
		 * @param outputTokens output tokens
		 * @return the price in micro-units
		 */
		long price(String sku, long inputTokens, long outputTokens);

	}

	/**
	 * Reverses a usage row: a new row with its amounts negated. A row is reversed once.
	 * @param caller a platform admin
	 * @param id the row
	 * @param reason why, for the statement
	 * @return the reversing row
	 */
	@Transactional
	public LedgerEntry reverse(Caller caller, long id, String reason) {
		if (!caller.hasRole(Roles.PLATFORM_ADMIN)) {
			throw ApiException.forbidden("forbidden", "Ledger corrections are made by the platform.");
		}
		LedgerEntry original = this.jdbc.sql("select " + COLUMNS + " from ledger_entry where id = :id")
			.param("id", id)
			.query(LedgerEntry.class)
			.optional()
			.orElseThrow(() -> ApiException.notFound("ledger entry", id));
		if (!"USAGE".equals(original.kind())) {
			throw ApiException.invalid("not-reversible", "Entry " + id + " is itself a reversal.");
		}
		InvoicingLock.shared(this.jdbc, List.of(original.tenantId()));
		UUID eventId = UUID.nameUUIDFromBytes(("reversal:" + id).getBytes(StandardCharsets.UTF_8));
		LedgerEntry reversal = this.jdbc
			.sql("""
					with inserted as (
					  insert into ledger_entry (event_id, kind, reverses, tenant_id, partner_id, api_key_id, execution_id, node_id, attempt,
					                            agent_id, agent_version, sku, input_tokens, output_tokens, embedding_tokens,
					                            cost_micros, price_micros, commission_micros, currency, cost_card, price_card,
					                            commission_card, simulated, reason, occurred_at)
					  select :eventId, 'REVERSAL', id, tenant_id, partner_id, api_key_id, execution_id, node_id, attempt, agent_id,
					         agent_version, sku, -input_tokens, -output_tokens, -embedding_tokens, -cost_micros, -price_micros,
					         -commission_micros, currency, cost_card, price_card, commission_card, simulated, :reason, occurred_at
					  from ledger_entry where id = :id
					  on conflict do nothing
					  returning *
					), balanced as (
					  %s
					  from inserted group by tenant_id
					  %s
					), %s
					select %s from inserted"""
				.formatted(BALANCE_INSERT, BALANCE_UPSERT, SPEND, COLUMNS))
			.param("eventId", eventId)
			.param("reason", reason)
			.param("id", id)
			.query(LedgerEntry.class)
			.optional()
			.orElseThrow(() -> ApiException.conflict("already-reversed", "Entry " + id + " was reversed already."));
		this.written.increment();
		return reversal;
	}

	private static final String BALANCE_INSERT = """
			insert into ledger_balance (tenant_id, partner_id, entries, input_tokens, output_tokens, embedding_tokens,
			                            cost_micros, price_micros, commission_micros)
			select tenant_id, (array_agg(partner_id))[1], count(*), sum(input_tokens), sum(output_tokens),
			       sum(embedding_tokens), sum(cost_micros), sum(price_micros), sum(commission_micros)""";

	private static final String BALANCE_UPSERT = """
			on conflict (tenant_id) do update
			  set entries = ledger_balance.entries + excluded.entries,
			      input_tokens = ledger_balance.input_tokens + excluded.input_tokens,
			      output_tokens = ledger_balance.output_tokens + excluded.output_tokens,
			      embedding_tokens = ledger_balance.embedding_tokens + excluded.embedding_tokens,
			      cost_micros = ledger_balance.cost_micros + excluded.cost_micros,
			      price_micros = ledger_balance.price_micros + excluded.price_micros,
			      commission_micros = ledger_balance.commission_micros + excluded.commission_micros,
			      partner_id = coalesce(ledger_balance.partner_id, excluded.partner_id), updated_at = now()
			returning 1""";

	// what the tenant (under the nil key) and the API key spent this month, and what the
	// runs' reservations still hold once their priced calls are taken off
	private static final String SPEND = """
			spent as (
			  insert into monthly_spend (tenant_id, api_key_id, month, price_micros, tokens)
			  select tenant_id, k.key, date_trunc('month', occurred_at at time zone 'UTC')::date, sum(price_micros),
			         sum(input_tokens + output_tokens + embedding_tokens)
			  from inserted
			  cross join lateral (values ('00000000-0000-0000-0000-000000000000'::uuid), (api_key_id)) as k(key)
			  where k.key is not null
			  group by 1, 2, 3
			  on conflict (tenant_id, api_key_id, month) do update
			    set price_micros = monthly_spend.price_micros + excluded.price_micros,
			        tokens = monthly_spend.tokens + excluded.tokens
			  returning 1
			)""";

	// what the runs' reservations still hold once their priced calls are taken off (usage
	// only: a reversal must not grow a hold)
	private static final String SETTLE = """
			settled as (
			  update budget_reservation r
			    set amount_micros = greatest(0, r.amount_micros - x.price), tokens = greatest(0, r.tokens - x.tokens)
			  from (select execution_id, sum(price_micros) as price,
			               sum(input_tokens + output_tokens + embedding_tokens) as tokens
			        from inserted where execution_id is not null group by execution_id) x
			  where r.execution_id = x.execution_id
			  returning 1
			)""";

	private static <T> T[] column(List<Pricing.Priced> rows, Function<Pricing.Priced, ? extends @Nullable Object> value,
			IntFunction<T[]> array) {
		return rows.stream().map(value).toArray(array);
	}

}
