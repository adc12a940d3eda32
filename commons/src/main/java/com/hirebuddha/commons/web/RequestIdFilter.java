package com.hirebuddha.commons.web;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is well formed
 * (the gateway always sends one), a new UUID otherwise. The id is echoed in the response,
 * put in the logging MDC as {@code requestId}, and added to problem details.
 */
public class RequestIdFilter extends OncePerRequestFilter {

	/** The header that carries the id end to end. */
	public static final String HEADER = "X-Request-Id";

	/** The MDC key and request attribute that hold the id. */
	public static final String ATTRIBUTE = "requestId";

	private static final Logger accessLog = LoggerFactory.getLogger("access");

	private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requestId = request.getHeader(HEADER);
		if (requestId == null || !WELL_FORMED.matcher(requestId).matches()) {
			requestId = UUID.randomUUID().toString();
		}
		request.setAttribute(ATTRIBUTE, requestId);
		response.setHeader(HEADER, requestId);
		MDC.put(ATTRIBUTE, requestId);
		long started = System.nanoTime();
		try {
			chain.doFilter(request, response);
		}
		finally {
			logAccess(request, response, started);
			MDC.remove(ATTRIBUTE);
		}
	}

	// probes and scrapes every few seconds would drown the requests people look for
	private static void logAccess(HttpServletRequest request, HttpServletResponse response, long started) {
		if (!request.getRequestURI().startsWith("/actuator")) {
			accessLog.atInfo()
				.addKeyValue("status", response.getStatus())
				.addKeyValue("durationMs", (System.nanoTime() - started) / 1_000_000)
				.log("{} {}", request.getMethod(), request.getRequestURI());
		}
	}

}
