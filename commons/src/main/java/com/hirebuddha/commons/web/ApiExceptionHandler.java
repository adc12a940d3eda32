package com.hirebuddha.commons.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one error vocabulary of a service: every failure becomes RFC 9457 problem details
 * with a stable {@code type}, the request path as {@code instance} and the
 * {@code requestId}; never a stack trace.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(ApiException.class)
	ResponseEntity<Object> handleApiException(ApiException ex, NativeWebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
		problem.setType(ProblemTypes.of(ex.type()));
		problem.setTitle(ex.title());
		ex.properties().forEach(problem::setProperty);
		HttpHeaders headers = new HttpHeaders();
		if (ex.retryAfter() != null) {
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, ex.retryAfter().toSeconds())));
		}
		return createResponseEntity(problem, headers, ex.status(), request);
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<Object> handleAccessDenied(AccessDeniedException ex, NativeWebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
				"Your role does not allow this request.");
		problem.setTitle("Forbidden");
		return createResponseEntity(problem, new HttpHeaders(), HttpStatus.FORBIDDEN, request);
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ResponseEntity<Object> handleConcurrentChange(OptimisticLockingFailureException ex, NativeWebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"Someone else changed this at the same time; read it again and retry.");
		problem.setType(ProblemTypes.of("concurrent-change"));
		problem.setTitle("Conflict");
		return createResponseEntity(problem, new HttpHeaders(), HttpStatus.CONFLICT, request);
	}

	@ExceptionHandler({ CannotCreateTransactionException.class, CannotGetJdbcConnectionException.class })
	ResponseEntity<Object> handleNoConnection(Exception ex, WebRequest request) {
		// every database connection stayed busy: nothing was done, and a retry will
		// likely work
		log.warn("no database connection for the request: {}", ex.toString());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				ServletProblems.OVERLOADED);
		problem.setType(ProblemTypes.of("overloaded"));
		problem.setTitle("Service Unavailable");
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "1");
		return createResponseEntity(problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, NativeWebRequest request) {
		log.error("unexpected failure", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The request failed unexpectedly; quote the requestId when reporting it.");
		return createResponseEntity(problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request has invalid fields.");
		problem.setType(ProblemTypes.of("validation-failed"));
		problem.setTitle("Validation failed");
		List<Map<String, String>> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
			.toList();
		problem.setProperty("errors", errors);
		return createResponseEntity(problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail problem) {
			decorate(problem, statusCode, request);
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	private void decorate(ProblemDetail problem, HttpStatusCode status, WebRequest request) {
		if (problem.getType() == null || URI.create("about:blank").equals(problem.getType())) {
			problem.setType(ProblemTypes.forStatus(status.value()));
		}
		if (request instanceof ServletWebRequest servlet) {
			HttpServletRequest http = servlet.getRequest();
			problem.setInstance(URI.create(http.getRequestURI()));
			Object requestId = http.getAttribute(RequestIdFilter.ATTRIBUTE);
			if (requestId != null) {
				problem.setProperty("requestId", requestId);
			}
		}
	}

}
