package com.hirebuddha.commons.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
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
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.status(), ex.detail());
		problem.setType(ProblemTypes.of(ex.type()));
		problem.setTitle(ex.title());
		ex.properties().forEach(problem::setProperty);
		HttpHeaders headers = new HttpHeaders();
		if (ex.retryAfter() != null) {
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, ex.retryAfter().toSeconds())));
		}
		return createResponseEntity(problem, headers, ex.status(), request);
	}

	@ExceptionHandler(RequestRejectedException.class)
	ResponseEntity<Object> handleRejected(RequestRejectedException ex, NativeWebRequest request) {
		// the firewall's message quotes the offending value, which may be a credential
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ServletProblems.REJECTED);
		problem.setTitle("Bad Request");
		return createResponseEntity(problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
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
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		JacksonException json = jacksonCause(ex);
		Map<String, String> field = (json != null) ? JsonProblems.fieldError(json) : null;
		if (field != null) {
			return invalidFields(List.of(field), headers, request);
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				(json != null) ? JsonProblems.unreadable(json) : "The request body is missing or unreadable.");
		problem.setTitle("Bad Request");
		return createResponseEntity(problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex.getPropertyName() != null) ? ex.getPropertyName() : "parameter";
		Class<?> type = ex.getRequiredType();
		String message = (type == null) ? "has the wrong type"
				: (type == java.util.UUID.class) ? "must be a UUID"
						: (Number.class.isAssignableFrom(type) || type.isPrimitive())
								? "must be a whole number in range" : "must be a " + type.getSimpleName();
		return invalidFields(List.of(Map.of("field", name, "message", message)), headers, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		ex.getParameterValidationResults().forEach((result) -> {
			String name = result.getMethodParameter().getParameterName();
			for (MessageSourceResolvable error : result.getResolvableErrors()) {
				errors.add(Map.of("field", (name != null) ? name : "parameter", "message",
						String.valueOf(error.getDefaultMessage())));
			}
		});
		return invalidFields(errors, headers, request);
	}

	private @Nullable ResponseEntity<Object> invalidFields(List<Map<String, String>> errors, HttpHeaders headers,
			WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request has invalid fields.");
		problem.setType(ProblemTypes.of("validation-failed"));
		problem.setTitle("Validation failed");
		problem.setProperty("errors", errors);
		return createResponseEntity(problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	private static @Nullable JacksonException jacksonCause(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException json) {
				return json;
			}
		}
		return null;
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
			startOver(servlet.getResponse(), http);
			problem.setInstance(URI.create(http.getRequestURI()));
			Object requestId = http.getAttribute(RequestIdFilter.ATTRIBUTE);
			if (requestId != null) {
				problem.setProperty("requestId", requestId);
			}
		}
	}

	// a handler that failed after starting its own answer (a CSV export's type, its
	// Content-Disposition and writer) leaves all that on the response: an error starts
	// from a clean one, keeping only the request id
	private static void startOver(@Nullable HttpServletResponse response, HttpServletRequest request) {
		if (response == null || response.isCommitted()) {
			return;
		}
		response.reset();
		Object requestId = request.getAttribute(RequestIdFilter.ATTRIBUTE);
		if (requestId != null) {
			response.setHeader(RequestIdFilter.HEADER, requestId.toString());
		}
	}

}
