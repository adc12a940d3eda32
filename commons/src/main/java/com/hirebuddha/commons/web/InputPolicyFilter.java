package com.hirebuddha.commons.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a query string the {@link InputPolicy} does not accept with 400
 * {@code validation-failed} naming the parameter, before security and before any handler,
 * so a refused request changes nothing.
 */
public class InputPolicyFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String query = request.getQueryString();
		String offending = (query != null) ? InputPolicy.offendingParameter(query) : null;
		if (offending == null) {
			chain.doFilter(request, response);
			return;
		}
		ApiException refusal = ApiException.invalidField(offending,
				InputPolicy.UNSTORABLE + " and must be well-formed percent-encoded UTF-8");
		ServletProblems.write(request, response, HttpStatus.BAD_REQUEST, refusal.type(), refusal.title(),
				refusal.detail(), refusal.properties());
	}

}
