package com.hirebuddha.billing.payments;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.hirebuddha.commons.security.Caller;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /invoices/{id}/payments} (card or recorded transfer) and the payments of an
 * invoice.
 */
@RestController
@RequestMapping("/api/v1/invoices/{id}/payments")
class PaymentController {

	private final Payments payments;

	PaymentController(Payments payments) {
		this.payments = payments;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	PaymentView pay(@PathVariable UUID id, @Valid @RequestBody PaymentRequest request, Caller caller) {
		return this.payments.pay(caller, id, request);
	}

	@GetMapping
	Map<String, List<PaymentView>> list(@PathVariable UUID id, Caller caller) {
		return Map.of("items", this.payments.list(caller, id));
	}

}
