package com.hirebuddha.billing.budgets;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Holds a run's estimated cost before it starts
 * ({@code POST /internal/v1/budgets/reservations}, made by orchestration with the
 * caller's own token).
 *
 * @param executionId the run
 * @param calls the provider calls it may make, with at most how many tokens
 * @param expiresAt when the hold lapses if the run never reports its end (its deadline)
 */
record ReservationRequest(@NotNull UUID executionId, @NotEmpty @Size(max = 500) List<@Valid Call> calls,
		@Nullable Instant expiresAt) {

	/**
	 * One provider call of the estimate.
	 *
	 * @param sku {@code provider/model}
	 * @param inputTokens at most this many input tokens
	 * @param outputTokens at most this many output tokens
	 */
	record Call(@NotBlank @Size(max = 200) String sku, @Min(0) @Max(10_000_000) long inputTokens,
			@Min(0) @Max(10_000_000) long outputTokens) {
	}

}
