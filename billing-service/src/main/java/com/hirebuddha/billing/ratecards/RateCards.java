package com.hirebuddha.billing.ratecards;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.hirebuddha.billing.directory.Directory;
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
 * Writes and reads rate cards. Who may write what: the platform admin writes costs,
 * default prices and commissions; a partner admin writes the prices of its own tenants.
 * Cards are only ever added, from a moment that has not passed, so no price already used
 * changes.
 */
@Service
public class RateCards {

	private static final String COLUMNS = """
			id, version, kind, partner_id, sku, input_micros_per_million, output_micros_per_million,
			embedding_micros_per_million, markup_bps, commission_bps, currency, valid_from, created_at, created_by
			""";

	private final JdbcClient jdbc;

	private final Directory directory;

	private final Clock clock = Clock.systemUTC();

	private volatile RateBook book = new RateBook(List.of(), -1);

	RateCards(JdbcClient jdbc, Directory directory) {
		this.jdbc = jdbc;
		this.directory = directory;
	}

	/**
	 * Adds a version of a price.
	 * @param caller who asks
	 * @param request the card
	 * @return the stored card
	 */
	@Transactional
	public RateCard put(Caller caller, RateCardRequest request) {
		String kind = Objects.requireNonNull(request.kind());
		UUID partnerId = partnerOf(caller, kind, request.partnerId());
		checkAmounts(kind, request);
		String currency = (request.currency() != null) ? request.currency() : "USD";
		if (!"USD".equals(currency)) {
			throw ApiException.invalid("unsupported-currency",
					"Accounts are billed in USD; " + currency + " rate cards are not accepted yet.");
		}
		Instant now = this.clock.instant();
		Instant validFrom = (request.validFrom() != null) ? request.validFrom() : now;
		if (validFrom.isBefore(now)) {
			throw ApiException.invalid("rate-card-in-the-past", "validFrom " + validFrom
					+ " has passed: a new price applies from now or later, so usage already priced keeps its price.");
		}
		return this.jdbc.sql("""
				insert into rate_card (id, kind, partner_id, sku, input_micros_per_million, output_micros_per_million,
				                       embedding_micros_per_million, markup_bps, commission_bps, currency, valid_from,
				                       created_by)
				values (:id, :kind, :partner, :sku, :input, :output, :embedding, :markup, :commission, :currency,
				        :validFrom, :by)
				returning %s""".formatted(COLUMNS))
			.param("id", UUID.randomUUID())
			.param("kind", kind)
			.param("partner", partnerId)
			.param("sku", request.sku())
			.param("input", request.inputMicrosPerMillion())
			.param("output", request.outputMicrosPerMillion())
			.param("embedding", request.embeddingMicrosPerMillion())
			.param("markup", request.markupBps())
			.param("commission", request.commissionBps())
			.param("currency", currency)
			.param("validFrom", Timestamp.from(validFrom))
			.param("by", caller.subject())
			.query(RateCard.class)
			.single();
	}

	/**
	 * Lists the cards a caller may see, newest first: the platform sees all; a partner
	 * admin the costs, the default prices and its own cards; a tenant the prices it pays.
	 * @param caller who asks
	 * @param kind only this kind, if given
	 * @param sku only this SKU, if given
	 * @param at only the cards in force at this moment, if given
	 * @param page the page
	 * @param size its size
	 * @return the page
	 */
	@Transactional(readOnly = true)
	public PageView<RateCard> list(Caller caller, @Nullable String kind, @Nullable String sku, @Nullable Instant at,
			int page, int size) {
		List<String> where = new ArrayList<>(List.of("true"));
		Map<String, Object> params = new java.util.HashMap<>();
		if (!caller.hasRole(Roles.PLATFORM_ADMIN)) {
			UUID partner = caller.partnerId();
			if (caller.hasRole(Roles.PARTNER_ADMIN) && partner != null) {
				where.add("(kind = 'COST' or partner_id is null or partner_id = :partner)");
			}
			else {
				caller.requireTenant("billing:read");
				where.add("kind = 'PRICE' and (partner_id is null or partner_id = :partner)");
			}
			params.put("partner", partner);
		}
		if (kind != null) {
			where.add("kind = :kind");
			params.put("kind", kind);
		}
		if (sku != null) {
			where.add("sku = :sku");
			params.put("sku", sku);
		}
		String source = "rate_card";
		if (at != null) {
			// per kind, partner and SKU, the newest card not after the moment
			source = """
					(select distinct on (kind, partner_id, sku) * from rate_card where valid_from <= :at
					 order by kind, partner_id, sku, valid_from desc, version desc)""";
			params.put("at", Timestamp.from(at));
		}
		String filter = String.join(" and ", where);
		long total = this.jdbc.sql("select count(*) from " + source + " c where " + filter)
			.params(params)
			.query(Long.class)
			.single();
		List<RateCard> items = Rows.present(this.jdbc
			.sql("select " + COLUMNS + " from " + source + " c where " + filter
					+ " order by valid_from desc, version desc limit :limit offset :offset")
			.params(params)
			.param("limit", size)
			.param("offset", (long) page * size)
			.query(RateCard.class)
			.list());
		return new PageView<>(items, page, size, total);
	}

	/**
	 * Every card, as of now: the same book until a card is added (by any instance).
	 * @return the book
	 */
	public RateBook book() {
		// cards are only added: their count and newest version change together with the
		// book, even when two writers commit out of order
		long newest = this.jdbc.sql("select count(*) * 1000000000 + coalesce(max(version), 0) from rate_card")
			.query(Long.class)
			.single();
		RateBook current = this.book;
		if (current.version() != newest) {
			current = new RateBook(Rows.present(this.jdbc.sql("select " + COLUMNS + " from rate_card order by version")
				.query(RateCard.class)
				.list()), newest);
			this.book = current;
		}
		return current;
	}

	// the platform names any partner (or none); a partner admin only itself, and only
	// prices
	private @Nullable UUID partnerOf(Caller caller, String kind, @Nullable UUID requested) {
		if (caller.hasRole(Roles.PLATFORM_ADMIN)) {
			if (RateCard.COST.equals(kind) && requested != null) {
				throw ApiException.invalid("invalid-rate-card", "A cost card is the platform's: it has no partnerId.");
			}
			if (RateCard.COMMISSION.equals(kind) && requested == null) {
				throw ApiException.invalid("invalid-rate-card", "A commission card names the partner it pays.");
			}
			return (requested != null) ? this.directory.partner(caller, requested) : null;
		}
		UUID own = caller.partnerId();
		if (!caller.hasRole(Roles.PARTNER_ADMIN) || own == null || !RateCard.PRICE.equals(kind)) {
			throw ApiException.forbidden("forbidden",
					"Costs, default prices and commissions are set by the platform; a partner admin sets its tenants' prices.");
		}
		// another partner is not the caller's to name: 404, as if it did not exist
		return (requested != null) ? this.directory.partner(caller, requested) : own;
	}

	private static void checkAmounts(String kind, RateCardRequest request) {
		boolean perMillion = request.inputMicrosPerMillion() != null && request.outputMicrosPerMillion() != null;
		boolean anyPerMillion = request.inputMicrosPerMillion() != null || request.outputMicrosPerMillion() != null
				|| request.embeddingMicrosPerMillion() != null;
		String problem = switch (kind) {
			case RateCard.COMMISSION ->
				(request.commissionBps() == null || anyPerMillion || request.markupBps() != null)
						? "A commission card has commissionBps and nothing else." : null;
			case RateCard.PRICE -> (request.commissionBps() != null || (request
				.markupBps() != null) == anyPerMillion || (anyPerMillion && !perMillion))
						? "A price card has either markupBps or both inputMicrosPerMillion and outputMicrosPerMillion."
						: null;
			default -> (request.commissionBps() != null || request.markupBps() != null || !perMillion)
					? "A cost card has inputMicrosPerMillion and outputMicrosPerMillion (embeddingMicrosPerMillion optional)."
					: null;
		};
		if (problem != null) {
			throw ApiException.invalid("invalid-rate-card", problem);
		}
	}

}
