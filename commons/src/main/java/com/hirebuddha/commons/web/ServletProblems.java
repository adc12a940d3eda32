package com.hirebuddha.commons.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Writes a problem+json answer from a servlet filter, where the MVC exception handler
 * cannot: the same fields ({@code type}, {@code title}, {@code status}, {@code detail},
 * {@code instance}, {@code requestId}) as every other error of the service.
 */
public final class ServletProblems {

	/** What an overloaded service says, from its filter or its exception handler. */
	public static final String OVERLOADED = "The service is at capacity; nothing was done. Retry after a second.";

	/** What a request the firewall refused is told (never the value it refused). */
	public static final String REJECTED = "The request has a header, path or parameter this service does not accept: "
			+ "control or non-ASCII characters in a header value, or an encoded slash, backslash, dot segment or "
			+ "NUL in the path.";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ServletProblems() {
	}

	/**
	 * Writes a problem as the response.
	 * @param request the request, for {@code instance} and the request id
	 * @param response the response to write
	 * @param status the status
	 * @param type the problem type, after {@link ProblemTypes#BASE}
	 * @param title the status's title
	 * @param detail what happened, for people
	 * @throws IOException if the response cannot be written
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type,
			String title, String detail) throws IOException {
		write(request, response, status, type, title, detail, Map.of());
	}

	/**
	 * Writes a problem with extra members, such as {@code errors}.
	 * @param request the request, for {@code instance} and the request id
	 * @param response the response to write
	 * @param status the status
	 * @param type the problem type, after {@link ProblemTypes#BASE}
	 * @param title the status's title
	 * @param detail what happened, for people
	 * @param properties the extra members
	 * @throws IOException if the response cannot be written
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type,
			String title, String detail, Map<String, Object> properties) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", ProblemTypes.of(type).toString());
		problem.put("title", title);
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		problem.putAll(properties);
		Object requestId = request.getAttribute(RequestIdFilter.ATTRIBUTE);
		if (requestId != null) {
			problem.put("requestId", requestId);
		}
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		JSON.writeValue(response.getOutputStream(), problem);
	}

}
