package com.hirebuddha.billing.ledger;

import java.time.Instant;
import java.util.UUID;

import com.hirebuddha.commons.security.Caller;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /partners/{id}/earnings}: the platform for any partner, a partner admin for
 * itself; anyone else's partner id answers 404. The period defaults to the current month.
 */
@RestController
class EarningsController {

	private final Earnings earnings;

	EarningsController(Earnings earnings) {
		this.earnings = earnings;
	}

	@GetMapping("/api/v1/partners/{id}/earnings")
	Earnings.Report earnings(@PathVariable UUID id, Caller caller,
			@RequestParam(required = false) @Nullable Instant from,
			@RequestParam(required = false) @Nullable Instant to,
			@RequestParam(defaultValue = "month") @Pattern(regexp = "month|tenant") String groupBy) {
		return this.earnings.report(caller, id, LedgerController.range(from, to, null), groupBy);
	}

}
