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
		fields.put("type", problem.getType().toString());
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
