package com.hirebuddha.billing.ledger;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.security.Roles;
import com.hirebuddha.commons.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ledger and usage views: {@code GET /ledger} (cursor pages, or CSV with
 * {@code format=csv}), {@code GET /usage} grouped by day, model or agent (or CSV),
 * reversals and the reconciliation for the platform. Periods default to the current month
 * (UTC).
 */
@RestController
@RequestMapping("/api/v1")
class LedgerController {

	private final Ledger ledger;

	private final LedgerQueries queries;

	private final Reconciliation reconciliation;

	LedgerController(Ledger ledger, LedgerQueries queries, Reconciliation reconciliation) {
		this.ledger = ledger;
		this.queries = queries;
		this.reconciliation = reconciliation;
	}

	@GetMapping("/ledger")
	LedgerQueries.@Nullable LedgerPage entries(Caller caller, @RequestParam(required = false) @Nullable Instant from,
			@RequestParam(required = false) @Nullable Instant to,
			@RequestParam(required = false) @Nullable UUID tenantId,
			@RequestParam(defaultValue = "0") @Min(0) long after,
			@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size,
			@RequestParam(required = false) @Nullable @Pattern(regexp = "json|csv") String format,
			HttpServletResponse response) throws IOException {
		LedgerQueries.Range range = range(from, to, tenantId);
		if ("csv".equals(format)) {
			Writer out = csv(response, "ledger");
			this.queries.export(caller, range, out);
			out.flush();
			return null;
		}
		return this.queries.entries(caller, range, after, size);
	}

	@GetMapping("/usage")
	@Nullable Map<String, Object> usage(Caller caller, @RequestParam(required = false) @Nullable Instant from,
			@RequestParam(required = false) @Nullable Instant to,
			@RequestParam(required = false) @Nullable UUID tenantId,
			@RequestParam(defaultValue = "day") @Pattern(regexp = "day|model|agent") String groupBy,
			@RequestParam(required = false) @Nullable @Pattern(regexp = "json|csv") String format,
			HttpServletResponse response) throws IOException {
		LedgerQueries.Range range = range(from, to, tenantId);
		List<LedgerQueries.UsageRow> rows = this.queries.usage(caller, range, groupBy);
		if ("csv".equals(format)) {
			Writer out = csv(response, "usage-by-" + groupBy);
			out.write(groupBy + ",calls,input_tokens,output_tokens,embedding_tokens,price_micros,cost_micros,"
					+ "commission_micros\n");
			for (LedgerQueries.UsageRow row : rows) {
				out.write(String.join(",", row.key(), Long.toString(row.calls()), Long.toString(row.inputTokens()),
						Long.toString(row.outputTokens()), Long.toString(row.embeddingTokens()),
						Long.toString(row.priceMicros()), orEmpty(row.costMicros()), orEmpty(row.commissionMicros()))
						+ "\n");
			}
			out.flush();
			return null;
		}
		return Map.of("items", rows, "groupBy", groupBy, "from", range.from(), "to", range.to());
	}

	@PostMapping("/ledger/{id}/reversal")
	@ResponseStatus(HttpStatus.CREATED)
	LedgerEntry reverse(@PathVariable long id, @Valid @RequestBody ReversalRequest request, Caller caller) {
		return this.ledger.reverse(caller, id, request.reason());
	}

	@PostMapping("/ledger/reconciliation")
	Reconciliation.Report reconcile(Caller caller) {
		platformOnly(caller);
		return this.reconciliation.run();
	}

	@GetMapping("/ledger/reconciliation")
	Map<String, Object> lastReconciliation(Caller caller) {
		platformOnly(caller);
		Map<String, Object> latest = this.reconciliation.latest();
		if (latest == null) {
			throw ApiException.notFound("reconciliation", "latest");
		}
		return latest;
	}

	private static void platformOnly(Caller caller) {
		if (!caller.hasRole(Roles.PLATFORM_ADMIN)) {
			throw ApiException.forbidden("forbidden", "The reconciliation is the platform's.");
		}
	}

	static LedgerQueries.Range range(@Nullable Instant from, @Nullable Instant to, @Nullable UUID tenantId) {
		Instant start = (from != null) ? from
				: YearMonth.now(ZoneOffset.UTC).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		Instant end = (to != null) ? to
				: YearMonth.now(ZoneOffset.UTC).plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		return new LedgerQueries.Range(start, end, tenantId).checked();
	}

	private static Writer csv(HttpServletResponse response, String name) throws IOException {
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		return response.getWriter();
	}

	private static String orEmpty(@Nullable Long value) {
		return (value != null) ? value.toString() : "";
	}

	/**
	 * Why a row is reversed.
	 *
	 * @param reason shown on the statement
	 */
	record ReversalRequest(@NotBlank @Size(max = 500) String reason) {
	}

}
