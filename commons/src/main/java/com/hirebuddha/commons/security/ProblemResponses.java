package com.hirebuddha.commons.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import com.hirebuddha.commons.web.ProblemTypes;
import com.hirebuddha.commons.web.RequestIdFilter;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers 401 and 403 from the security filters as problem details, like every other
 * error of the service, with {@code WWW-Authenticate} on 401 (RFC 6750).
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final JsonMapper json = JsonMapper.builder().build();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		boolean tokenSent = request.getHeader("Authorization") != null;
		response.setHeader("WWW-Authenticate", tokenSent
				? "Bearer error=\"invalid_token\", error_description=\"the access token is not valid\"" : "Bearer");
		write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
				tokenSent ? "The access token is invalid, expired or not meant for this API."
						: "Sign in or send an API key: this endpoint needs a bearer token.");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
			throws IOException {
		write(request, response, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
				"Your role does not allow this request.");
	}

	private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type,
			String title, String detail) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", ProblemTypes.of(type).toString());
		problem.put("title", title);
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		Object requestId = request.getAttribute(RequestIdFilter.ATTRIBUTE);
		if (requestId != null) {
			problem.put("requestId", requestId);
		}
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
