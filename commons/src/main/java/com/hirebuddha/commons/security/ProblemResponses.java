package com.hirebuddha.commons.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.hirebuddha.commons.web.ServletProblems;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers 401 and 403 from the security filters as problem details, like every other
 * error of the service, with {@code WWW-Authenticate} on 401 (RFC 6750).
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		boolean tokenSent = request.getHeader("Authorization") != null;
		response.setHeader("WWW-Authenticate", tokenSent
				? "Bearer error=\"invalid_token\", error_description=\"the access token is not valid\"" : "Bearer");
		ServletProblems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
				tokenSent ? "The access token is invalid, expired or not meant for this API."
						: "Sign in or send an API key: this endpoint needs a bearer token.");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
			throws IOException {
		ServletProblems.write(request, response, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
				"Your role does not allow this request.");
	}

}
