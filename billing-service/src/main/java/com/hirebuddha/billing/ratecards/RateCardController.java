package com.hirebuddha.billing.ratecards;

import java.time.Instant;

import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.web.PageQuery;
import com.hirebuddha.commons.web.PageSize;
import com.hirebuddha.commons.web.PageView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /rate-cards} and {@code PUT /rate-cards}: each PUT adds a version.
 */
@RestController
@RequestMapping("/api/v1/rate-cards")
class RateCardController {

	private final RateCards rateCards;

	RateCardController(RateCards rateCards) {
		this.rateCards = rateCards;
	}

	@PutMapping
	@ResponseStatus(HttpStatus.CREATED)
	RateCard put(@Valid @RequestBody RateCardRequest request, Caller caller) {
		caller.requireUser("rate cards");
		return this.rateCards.put(caller, request);
	}

	@GetMapping
	PageView<RateCard> list(Caller caller,
			@RequestParam(required = false) @Nullable @Pattern(regexp = "COST|PRICE|COMMISSION") String kind,
			@RequestParam(required = false) @Nullable String sku, @RequestParam(required = false) @Nullable Instant at,
			@PageSize(value = 50, max = 500) PageQuery page) {
		return this.rateCards.list(caller, kind, sku, at, page.page(), page.size());
	}

}
