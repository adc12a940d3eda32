package com.hirebuddha.billing.budgets;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.web.ApiException;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /budgets}: read and set monthly budgets; reservations are made (and let go) by
 * orchestration with the caller's own token before a run starts. A refused reservation
 * answers 402 {@code budget-exceeded} or 429 {@code token-quota-exceeded}, with
 * {@code Retry-After} until the month ends.
 */
@RestController
@RequestMapping("/api/v1/budgets")
class BudgetController {

	private final Budgets budgets;

	BudgetController(Budgets budgets) {
		this.budgets = budgets;
	}

	@GetMapping
	Map<String, List<BudgetView>> list(Caller caller, @RequestParam(required = false) @Nullable UUID tenantId) {
		return Map.of("items", this.budgets.list(caller, tenantId));
	}

	@PutMapping
	ResponseEntity<BudgetView> put(@Valid @RequestBody BudgetRequest request, Caller caller) {
		return this.budgets.put(caller, request)
			.map(ResponseEntity::ok)
			.orElseGet(() -> ResponseEntity.noContent().build());
	}

	@PostMapping("/reservations")
	ResponseEntity<Budgets.Decision> reserve(@Valid @RequestBody ReservationRequest request, Caller caller) {
		Budgets.Decision decision = this.budgets.reserve(caller, request);
		if (!decision.granted()) {
			Instant monthEnd = Budgets.month(Instant.now()).plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
			Duration untilNextMonth = Duration.between(Instant.now(), monthEnd);
			String detail = "The run would go over " + decision.limit()
					+ " for this month; nothing was started. Raise the budget or wait for the next month.";
			if ("token-quota-exceeded".equals(decision.refusal())) {
				throw ApiException.tooManyRequests("token-quota-exceeded", detail, untilNextMonth);
			}
			throw ApiException.paymentRequired("budget-exceeded", detail, untilNextMonth);
		}
		return ResponseEntity.status(decision.held() ? HttpStatus.CREATED : HttpStatus.OK).body(decision);
	}

	@DeleteMapping("/reservations/{executionId}")
	ResponseEntity<Void> release(@PathVariable UUID executionId, Caller caller) {
		if (!this.budgets.release(caller.requireTenant("agents:run", "workflows:run"), executionId)) {
			throw ApiException.notFound("reservation", executionId);
		}
		return ResponseEntity.noContent().build();
	}

}
