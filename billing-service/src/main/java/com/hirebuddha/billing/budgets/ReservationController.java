package com.hirebuddha.billing.budgets;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.web.ApiException;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /internal/v1/budgets/reservations}: orchestration reserves a run's estimate (and
 * lets it go when the run could not be stored) with the caller's own token. Not under
 * {@code /api}, so the gateway does not route it: a tenant cannot release its own runs'
 * holds. A refused reservation answers 402 {@code budget-exceeded} or 429
 * {@code token-quota-exceeded}, with {@code Retry-After} until the month ends.
 */
@RestController
@RequestMapping("/internal/v1/budgets/reservations")
class ReservationController {

	private final Reservations reservations;

	ReservationController(Reservations reservations) {
		this.reservations = reservations;
	}

	@PostMapping
	ResponseEntity<Reservations.Decision> reserve(@Valid @RequestBody ReservationRequest request, Caller caller) {
		Reservations.Decision decision = this.reservations.reserve(caller, request);
		if (!decision.granted()) {
			Instant monthEnd = Reservations.month(Instant.now()).plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
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

	@DeleteMapping("/{executionId}")
	ResponseEntity<Void> release(@PathVariable UUID executionId, Caller caller) {
		if (!this.reservations.release(caller.requireTenant("agents:run", "workflows:run"), executionId)) {
			throw ApiException.notFound("reservation", executionId);
		}
		return ResponseEntity.noContent().build();
	}

}
