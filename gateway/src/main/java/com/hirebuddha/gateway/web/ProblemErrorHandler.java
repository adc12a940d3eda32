package com.hirebuddha.gateway.web;

import java.net.ConnectException;
import java.net.URI;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Renders every error the gateway itself raises (no route, service down, timeout) as RFC
 * 9457 problem details with a stable {@code type} and the request id; never a stack
 * trace.
 */
@Component
@Order(-2)
class ProblemErrorHandler implements WebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.error(ex);
		}
		if (isPoolExhausted(ex)) {
			// every connection to the service is busy: a moment later one may not be
			response.getHeaders().set("Retry-After", "1");
		}
		return Problems.write(exchange, toProblem(ex));
	}

	private ProblemDetail toProblem(Throwable ex) {
		if (ex instanceof ResponseStatusException status) {
			HttpStatus code = HttpStatus.resolve(status.getStatusCode().value());
			code = (code != null) ? code : HttpStatus.INTERNAL_SERVER_ERROR;
			return problem(code, slug(code),
					(code == HttpStatus.NOT_FOUND) ? "No such resource." : code.getReasonPhrase());
		}
		if (hasCause(ex, ConnectException.class)) {
			return problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
					"The service behind this route is not reachable; try again shortly.");
		}
		if (isPoolExhausted(ex)) {
			return problem(HttpStatus.SERVICE_UNAVAILABLE, "overloaded",
					"Every connection to the service behind this route is busy; nothing was done. Try again shortly.");
		}
		if (hasCause(ex, TimeoutException.class)) {
			return problem(HttpStatus.GATEWAY_TIMEOUT, "upstream-timeout", "The service did not answer in time.");
		}
		log.error("unexpected gateway failure", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
				"The request failed unexpectedly; quote the requestId when reporting it.");
	}

	// the same vocabulary as the services' (docs/errors.md)
	private static String slug(HttpStatus status) {
		return switch (status) {
			case BAD_REQUEST -> "bad-request";
			case UNAUTHORIZED -> "unauthorized";
			case FORBIDDEN -> "forbidden";
			case NOT_FOUND -> "not-found";
			case METHOD_NOT_ALLOWED -> "method-not-allowed";
			case NOT_ACCEPTABLE -> "not-acceptable";
			case CONTENT_TOO_LARGE -> "payload-too-large";
			case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
			case TOO_MANY_REQUESTS -> "too-many-requests";
			case SERVICE_UNAVAILABLE -> "service-unavailable";
			case GATEWAY_TIMEOUT -> "upstream-timeout";
			default -> status.is5xxServerError() ? "internal-error" : "bad-request";
		};
	}

	private static ProblemDetail problem(HttpStatus status, String type, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(Problems.TYPES + type));
		return problem;
	}

	// Reactor Netty's pool refusing or timing out an acquire (its exception types are
	// shaded,
	// so they are known by name)
	static boolean isPoolExhausted(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			String name = cause.getClass().getSimpleName();
			if ("PoolAcquireTimeoutException".equals(name) || "PoolAcquirePendingLimitException".equals(name)) {
				return true;
			}
		}
		return false;
	}

	private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

}
