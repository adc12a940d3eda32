package com.hirebuddha.commons.conditions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import org.jspecify.annotations.Nullable;

/**
 * The CEL expressions of workflow {@code condition} nodes. An expression sees two
 * variables, {@code input} (the execution's input) and {@code nodes} (by node id, each
 * with {@code output} and {@code status}), and must yield a boolean. Orchestration
 * compiles expressions when a workflow is saved; the worker evaluates them.
 */
public final class Conditions {

	/** The longest expression accepted. */
	public static final int MAX_LENGTH = 4_000;

	// JSON numbers: 7 > 6.5 should simply hold
	private static final CelOptions OPTIONS = CelOptions.current().enableHeterogeneousNumericComparisons(true).build();

	private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
		.setOptions(OPTIONS)
		.setStandardMacros(CelStandardMacro.STANDARD_MACROS)
		.addVar("input", MapType.create(SimpleType.STRING, SimpleType.DYN))
		.addVar("nodes", MapType.create(SimpleType.STRING, SimpleType.DYN))
		.setResultType(SimpleType.BOOL)
		.build();

	private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();

	private static final int MAX_CACHED = 1_000;

	private static final Map<String, CelRuntime.Program> PROGRAMS = new ConcurrentHashMap<>();

	private Conditions() {
	}

	/**
	 * Checks an expression without running it.
	 * @param expression the CEL text
	 * @return why it cannot run, or {@code null} if it can
	 */
	public static @Nullable String problem(String expression) {
		if (expression.length() > MAX_LENGTH) {
			return "the expression is longer than " + MAX_LENGTH + " characters";
		}
		try {
			COMPILER.compile(expression).getAst();
			return null;
		}
		catch (CelValidationException ex) {
			return "the expression does not compile: " + ex.getMessage();
		}
	}

	/**
	 * Evaluates an expression.
	 * @param expression the CEL text
	 * @param input the execution's input
	 * @param nodes what upstream nodes produced, by node id
	 * @return the boolean it yields
	 * @throws IllegalArgumentException if it does not compile or fails to evaluate
	 */
	public static boolean evaluate(String expression, Map<String, ?> input, Map<String, ?> nodes) {
		try {
			Object result = program(expression).eval(Map.of("input", celValue(input), "nodes", celValue(nodes)));
			return Boolean.TRUE.equals(result);
		}
		catch (CelValidationException ex) {
			throw new IllegalArgumentException("the expression does not compile: " + ex.getMessage(), ex);
		}
		catch (CelEvaluationException ex) {
			throw new IllegalArgumentException("the expression failed: " + ex.getMessage(), ex);
		}
	}

	private static CelRuntime.Program program(String expression) throws CelValidationException, CelEvaluationException {
		CelRuntime.Program program = PROGRAMS.get(expression);
		if (program == null) {
			CelAbstractSyntaxTree ast = COMPILER.compile(expression).getAst();
			program = RUNTIME.createProgram(ast);
			if (PROGRAMS.size() >= MAX_CACHED) {
				PROGRAMS.clear();
			}
			PROGRAMS.put(expression, program);
		}
		return program;
	}

	// CEL knows long, double, string, bool, list and map: JSON's numbers are widened
	private static Object celValue(@Nullable Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> converted = new LinkedHashMap<>();
			map.forEach((key, item) -> converted.put(String.valueOf(key), celValue(item)));
			return converted;
		}
		if (value instanceof List<?> list) {
			List<Object> converted = new ArrayList<>(list.size());
			list.forEach((item) -> converted.add(celValue(item)));
			return converted;
		}
		if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
			return ((Number) value).longValue();
		}
		if (value instanceof Float number) {
			return number.doubleValue();
		}
		if (value instanceof java.math.BigDecimal number) {
			return number.doubleValue();
		}
		if (value instanceof java.math.BigInteger number) {
			return number.longValue();
		}
		return (value != null) ? value : dev.cel.common.values.NullValue.NULL_VALUE;
	}

}
