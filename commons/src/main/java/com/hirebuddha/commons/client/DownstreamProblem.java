package com.hirebuddha.commons.client;

import java.time.Duration;

import com.hirebuddha.commons.web.ApiException;
import com.hirebuddha.commons.web.ProblemTypes;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpStatusCodeException;

/**
 * A downstream's refusal as it answered it (status, problem type slug, detail,
 * {@code Retry-After}), to pass through to our own caller unchanged.
 *
 * @param status the downstream's status
 * @param type the slug of its problem type, empty when it sent none of ours
 * @param detail its detail, empty when it sent none
 * @param retryAfter its {@code Retry-After}, if any
 */
public record DownstreamProblem(HttpStatus status, String type, String detail, @Nullable Duration retryAfter) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Reads the problem out of a downstream's error answer; a body that is not
	 * problem+json leaves type and detail empty.
	 * @param refusal the downstream's error answer
	 * @return what it said
	 */
	public static DownstreamProblem of(HttpStatusCodeException refusal) {
		JsonNode problem = problem(refusal.getResponseBodyAsString());
		// our own types only: another vocabulary (about:blank, say) is no type of ours
		String type = problem.path("type").asString("");
		String slug = type.startsWith(ProblemTypes.BASE) ? type.substring(ProblemTypes.BASE.length()) : "";
		String retryAfter = (refusal.getResponseHeaders() != null)
				? refusal.getResponseHeaders().getFirst("Retry-After") : null;
		return new DownstreamProblem(HttpStatus.valueOf(refusal.getStatusCode().value()), slug,
				problem.path("detail").asString(""), seconds(retryAfter));
	}

	/**
	 * The refusal as our own answer: the same status, type, detail and
	 * {@code Retry-After}, with defaults where the downstream left them out.
	 * @param title the title of our problem
	 * @param fallbackType the type when the downstream sent none
	 * @param fallbackDetail the detail when it sent none
	 * @param fallbackRetryAfter the {@code Retry-After} when it sent none, if any
	 * @return the exception to throw
	 */
	public ApiException passThrough(String title, String fallbackType, String fallbackDetail,
			@Nullable Duration fallbackRetryAfter) {
		return new PassedThrough(this.status, this.type.isEmpty() ? fallbackType : this.type, title,
				this.detail.isEmpty() ? fallbackDetail : this.detail,
				(this.retryAfter != null) ? this.retryAfter : fallbackRetryAfter);
	}

	private static JsonNode problem(String body) {
		try {
			return JSON.readTree(body);
		}
		catch (RuntimeException ex) {
			return MissingNode.getInstance();
		}
	}

	private static @Nullable Duration seconds(@Nullable String retryAfter) {
		if (retryAfter == null) {
			return null;
		}
		try {
			return Duration.ofSeconds(Long.parseLong(retryAfter.trim()));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static final class PassedThrough extends ApiException {

		PassedThrough(HttpStatus status, String type, String title, String detail, @Nullable Duration retryAfter) {
			super(status, type, title, detail, retryAfter);
		}

	}

}
