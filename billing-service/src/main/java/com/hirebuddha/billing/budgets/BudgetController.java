package com.hirebuddha.billing.budgets;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.hirebuddha.commons.security.Caller;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /budgets}: read and set monthly budgets. Reservations are not here: they are
 * service-to-service ({@link ReservationController}).
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

}
