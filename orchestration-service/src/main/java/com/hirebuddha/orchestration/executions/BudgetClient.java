package com.hirebuddha.orchestration.executions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.hirebuddha.commons.client.CallerToken;
import com.hirebuddha.commons.client.DownstreamProblem;
import com.hirebuddha.commons.web.ApiException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Reserves a run's estimated cost with billing-service before the run is accepted (and
 * before its transaction opens), with the caller's own token (billing scopes the
 * reservation by it), on billing's internal path. Connect and read timeouts; no retries
 * (a second reservation of the same run is harmless, but a slow billing must not hold
 * requests). A refusal comes back as billing's own 402 or 429; a billing that cannot
 * answer refuses the run with 503: a budget that cannot be checked is not spent.
 */
@Component
class BudgetClient {

	private static final Logger log = LoggerFactory.getLogger(BudgetClient.class);

	private final RestClient http;

	BudgetClient(RestClient.Builder builder, BillingClientProperties billing) {
		this.http = billing.configure(builder).build();
	}

	void reserve(UUID executionId, List<Call> calls, Instant deadline) {
		try {
			this.http.post()
				.uri("/internal/v1/budgets/reservations")
				.header("Authorization", CallerToken.bearer())
				.body(Map.of("executionId", executionId, "calls", calls, "expiresAt", deadline))
				.retrieve()
				.toBodilessEntity();
		}
		catch (HttpStatusCodeException ex) {
			if (ex.getStatusCode().value() == 402 || ex.getStatusCode().value() == 429) {
				throw refusal(DownstreamProblem.of(ex));
			}
			throw unavailable(ex);
		}
		catch (RestClientException ex) {
			// billing may have held the estimate before the answer was lost
			release(executionId);
			throw unavailable(ex);
		}
	}

	void release(UUID executionId) {
		try {
			this.http.delete()
				.uri("/internal/v1/budgets/reservations/{id}", executionId)
				.header("Authorization", CallerToken.bearer())
				.retrieve()
				.toBodilessEntity();
		}
		catch (RestClientException ex) {
			// the hold lapses after the run's deadline anyway
			log.warn("could not release the budget hold of {}: {}", executionId, ex.toString());
		}
	}

	// billing's 402 or 429 as it said it, with an hour's wait when it named none
	private static ApiException refusal(DownstreamProblem problem) {
		return (problem.status() == HttpStatus.PAYMENT_REQUIRED)
				? problem.passThrough("Payment required", "budget-exceeded", "The run would go over a budget.",
						Duration.ofHours(1))
				: problem.passThrough("Too many requests", "token-quota-exceeded", "The run would go over a budget.",
						Duration.ofHours(1));
	}

	private static ApiException unavailable(Exception ex) {
		log.warn("budget check failed, the run is refused: {}", ex.toString());
		return ApiException.unavailable("budget-check-unavailable",
				"The tenant's budget could not be checked, so the run was not started. Try again in a few seconds.",
				Duration.ofSeconds(5));
	}

	/**
	 * One provider call of a run's estimate.
	 *
	 * @param sku {@code provider/model}
	 * @param inputTokens at most this many input tokens
	 * @param outputTokens at most this many output tokens
	 */
	record Call(String sku, long inputTokens, long outputTokens) {

		static @Nullable Call of(ExecutionRequested.PinnedAgent agent, String prompt, String input) {
			if (agent.model() == null) {
				return null;
			}
			long in = (agent.systemPrompt().length() + prompt.length() + input.length()) / 4 + 16;
			Integer max = agent.model().maxTokens();
			return new Call(agent.model().provider() + "/" + agent.model().name(), in,
					(max != null && max > 0) ? max : 1024);
		}

	}

}
