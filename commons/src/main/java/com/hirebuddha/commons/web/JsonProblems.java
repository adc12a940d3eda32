package com.hirebuddha.commons.web;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Says which field of a JSON body Jackson could not read and why, in words a client can
 * act on, without echoing what was sent (a value may be huge, or a secret).
 */
final class JsonProblems {

	private static final String LIMITS = "is over a JSON limit: nesting " + StrictJson.MAX_NESTING_DEPTH
			+ " deep, member names of " + StrictJson.MAX_NAME_LENGTH + " characters, numbers of "
			+ StrictJson.MAX_NUMBER_LENGTH + " digits";

	private JsonProblems() {
	}

	private static boolean overLimit(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof StreamConstraintsException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The field error for a failed read, or null when the body as a whole is unreadable
	 * (not JSON at all, say).
	 * @param failure what Jackson threw
	 * @return {@code field} and {@code message}, or null
	 */
	static @Nullable Map<String, String> fieldError(JacksonException failure) {
		if (failure instanceof UnstorableTextException unstorable) {
			return Map.of("field", unstorable.field().isEmpty() ? "body" : unstorable.field(), "message",
					InputPolicy.UNSTORABLE);
		}
		String message = failure.getOriginalMessage();
		if (message != null && message.startsWith("Duplicate ") && failure.processor() instanceof JsonParser parser) {
			// raised by the parser itself, where it stood
			return Map.of("field", UnstorableTextException.path(parser.streamReadContext(), false), "message",
					"appears more than once");
		}
		if (overLimit(failure)) {
			String path = path(failure);
			return path.isEmpty() ? null : Map.of("field", path, "message", LIMITS);
		}
		if (!(failure instanceof DatabindException) && !(failure instanceof InputCoercionException)) {
			// not JSON at all, or over a limit: the body as a whole is unreadable
			return null;
		}
		String path = path(failure);
		if (path.isEmpty()) {
			return null;
		}
		Class<?> target = (failure instanceof MismatchedInputException mismatch) ? mismatch.getTargetType()
				: (failure instanceof InputCoercionException coercion) ? coercion.getTargetType() : null;
		return Map.of("field", path, "message", expected(target));
	}

	/**
	 * What to tell a client whose body could not be read at all.
	 * @param failure what Jackson threw
	 * @return the detail
	 */
	static String unreadable(JacksonException failure) {
		if (overLimit(failure)) {
			return "The body " + LIMITS + ".";
		}
		return "The body is not valid JSON" + location(failure) + ".";
	}

	private static String expected(@Nullable Class<?> target) {
		if (target == null) {
			return "has the wrong type";
		}
		if (target == int.class || target == Integer.class || target == long.class || target == Long.class
				|| target == short.class || target == Short.class || target == BigInteger.class) {
			return "must be a whole number in range, written without a fraction or quotes";
		}
		if (target == double.class || target == Double.class || target == float.class || target == Float.class
				|| target == BigDecimal.class) {
			return "must be a number in range, written without quotes";
		}
		if (target == boolean.class || target == Boolean.class) {
			return "must be true or false";
		}
		if (target == String.class) {
			return "must be a string";
		}
		if (target == UUID.class) {
			return "must be a UUID";
		}
		if (Temporal.class.isAssignableFrom(target)) {
			return "must be a date-time in ISO 8601, for example 2026-01-31T12:00:00Z";
		}
		if (target.isEnum()) {
			return "must be one of the documented values";
		}
		if (target.isArray() || Collection.class.isAssignableFrom(target)) {
			return "must be an array";
		}
		return "must be an object";
	}

	private static String path(JacksonException failure) {
		if (failure.getPath().isEmpty() && failure.processor() instanceof JsonParser parser) {
			return UnstorableTextException.path(parser.streamReadContext(), false);
		}
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : failure.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String location(JacksonException failure) {
		if (failure.getLocation() == null || failure.getLocation().getLineNr() < 1) {
			return "";
		}
		return " (line " + failure.getLocation().getLineNr() + ", column " + failure.getLocation().getColumnNr() + ")";
	}

}
