package com.hirebuddha.commons.conditions;

import java.time.Duration;
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

	// JSON numbers: 7 > 6.5 should simply hold; the iteration cap and regex size back the
	// per-evaluation budget up (one operation runs between two of its checks)
	private static final CelOptions OPTIONS = CelOptions.current()
		.enableHeterogeneousNumericComparisons(true)
		.comprehensionMaxIterations(100_000)
		.maxRegexProgramSize(1_000)
		.maxParseRecursionDepth(64)
		.build();

	/** What an evaluation may spend unless the caller says otherwise. */
	public static final Limits DEFAULT_LIMITS = new Limits(100_000, Duration.ofSeconds(1), 100_000, 100_000);

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
	 * Evaluates an expression within {@link #DEFAULT_LIMITS}.
	 * @param expression the CEL text
	 * @param input the execution's input
	 * @param nodes what upstream nodes produced, by node id
	 * @return the boolean it yields
	 * @throws IllegalArgumentException if it does not compile or fails to evaluate
	 * @throws LimitExceededException if it would spend more than the limits allow
	 */
	public static boolean evaluate(String expression, Map<String, ?> input, Map<String, ?> nodes) {
		return evaluate(expression, input, nodes, DEFAULT_LIMITS);
	}

	/**
	 * Evaluates an expression; it is stopped as soon as it goes over a limit.
	 * @param expression the CEL text
	 * @param input the execution's input
	 * @param nodes what upstream nodes produced, by node id
	 * @param limits what the evaluation may spend
	 * @return the boolean it yields
	 * @throws IllegalArgumentException if it does not compile or fails to evaluate
	 * @throws LimitExceededException if it would spend more than the limits allow
	 */
	public static boolean evaluate(String expression, Map<String, ?> input, Map<String, ?> nodes, Limits limits) {
		CelRuntime.Program program;
		try {
			program = program(expression);
		}
		catch (CelValidationException | CelEvaluationException ex) {
			throw new IllegalArgumentException("the expression does not compile: " + ex.getMessage(), ex);
		}
		Map<String, Object> variables = Map.of("input", celValue(input), "nodes", celValue(nodes));
		// made after the program, so compiling does not spend the evaluation's time
		ConditionBudget budget = new ConditionBudget(limits, variables);
		try {
			Object result = program.trace(variables, budget);
			if (budget.exceeded() != null) {
				throw new LimitExceededException(budget.exceeded());
			}
			return Boolean.TRUE.equals(result);
		}
		catch (CelEvaluationException ex) {
			// the budget's flag, not the message: errors are re-wrapped or swallowed on
			// the way
			if (budget.exceeded() != null) {
				throw new LimitExceededException(budget.exceeded());
			}
			if (ex.getErrorCode() == dev.cel.common.CelErrorCode.ITERATION_BUDGET_EXCEEDED) {
				throw new LimitExceededException("its loops ran more than 100000 iterations");
			}
			throw new IllegalArgumentException("the expression failed: " + ex.getMessage(), ex);
		}
	}

	/**
	 * What one evaluation may spend.
	 *
	 * @param steps sub-expressions evaluated
	 * @param time wall-clock time
	 * @param chars longest string or bytes it may build
	 * @param weight largest list or map it may build, counted as a tree of elements
	 */
	public record Limits(long steps, Duration time, long chars, long weight) {
	}

	/**
	 * An expression went over what its evaluation may spend and was stopped.
	 */
	public static final class LimitExceededException extends RuntimeException {

		LimitExceededException(String why) {
			super("the expression was stopped: " + why, null, false, false);
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
