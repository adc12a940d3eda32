package com.hirebuddha.gateway.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes the gateway's own answers as RFC 9457 problem details, with the same
 * {@code type} vocabulary as the services (docs/errors.md) and the request id.
 */
public final class Problems {

	/** Where problem types are documented. */
	public static final String TYPES = "https://hirebuddha.dev/problems/";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Problems() {
	}

	/**
	 * Answers the exchange with a problem.
	 * @param exchange the exchange
	 * @param status the status
	 * @param type the stable type slug
	 * @param detail what happened and what to do
	 * @return completion
	 */
	public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String type, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPES + type));
		return write(exchange, problem);
	}

	/**
	 * Answers 429 {@code rate-limited} with {@code Retry-After}.
	 * @param exchange the exchange
	 * @param wait how long the client must wait
	 * @param detail why, for people
	 * @return completion
	 */
	public static Mono<Void> rateLimited(ServerWebExchange exchange, java.time.Duration wait, String detail) {
		exchange.getResponse()
			.getHeaders()
			.set("Retry-After", Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
		return write(exchange, HttpStatus.TOO_MANY_REQUESTS, "rate-limited", detail);
	}

	/**
	 * Answers 400 {@code validation-failed} for one field, the services' shape.
	 * @param exchange the exchange
	 * @param field the header, parameter or body path
	 * @param message what is wrong with it
	 * @return completion
	 */
	public static Mono<Void> invalidField(ServerWebExchange exchange, String field, String message) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request has invalid fields.");
		problem.setType(URI.create(TYPES + "validation-failed"));
		problem.setTitle("Validation failed");
		problem.setProperty("errors", java.util.List.of(Map.of("field", field, "message", message)));
		return write(exchange, problem);
	}

	static Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
		ServerHttpResponse response = exchange.getResponse();
		problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		Object requestId = exchange.getAttribute(RequestIdFilter.ATTRIBUTE);
		if (requestId != null) {
			problem.setProperty("requestId", requestId);
		}
		response.setStatusCode(HttpStatus.valueOf(problem.getStatus()));
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		Map<String, Object> fields = new LinkedHashMap<>();
		URI type = problem.getType();
		// RFC 9457: an absent type means about:blank
		fields.put("type", (type != null) ? type.toString() : "about:blank");
		fields.put("title", problem.getTitle());
		fields.put("status", problem.getStatus());
		fields.put("detail", problem.getDetail());
		fields.put("instance", String.valueOf(problem.getInstance()));
		if (problem.getProperties() != null) {
			fields.putAll(problem.getProperties());
		}
		byte[] body = JSON.writeValueAsBytes(fields);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

}
