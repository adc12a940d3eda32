package com.hirebuddha.commons.conditions;

import java.time.Duration;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

import dev.cel.common.ast.CelExpr;
import dev.cel.common.values.CelByteString;
import dev.cel.runtime.CelEvaluationListener;
import dev.cel.runtime.ConcatenatedListView;
import org.jspecify.annotations.Nullable;

/**
 * What one evaluation of an expression may spend: steps (every sub-expression evaluated
 * counts one), time, and the size of any string, bytes or list it builds. CEL has no cost
 * limit and ignores interrupts, so this listener, called after every sub-expression,
 * stops it; once tripped it throws on every later step, because {@code ||}, {@code &&},
 * {@code ?:} and loops swallow one error and would carry on. Sizes are weighed as trees
 * (a list that holds the same list twice weighs both), so doubling through shared values
 * is caught too. Inputs are free: the bounds are raised by what the caller passed in.
 */
final class ConditionBudget implements CelEvaluationListener {

	private final long maxSteps;

	private final long deadline;

	private final Duration time;

	private final long maxChars;

	private final long maxWeight;

	private final Map<Object, Long> weights = new IdentityHashMap<>();

	private long steps;

	private @Nullable String exceeded;

	ConditionBudget(Conditions.Limits limits, Map<String, ?> variables) {
		this.deadline = System.nanoTime() + limits.time().toNanos();
		this.time = limits.time();
		this.maxSteps = limits.steps();
		long[] longest = { 0 };
		long inputWeight = weigh(variables, Long.MAX_VALUE, longest);
		this.maxChars = limits.chars() + longest[0];
		this.maxWeight = limits.weight() + inputWeight;
	}

	/**
	 * Why the evaluation was stopped.
	 * @return the limit it went over, or null if it was not stopped
	 */
	@Nullable String exceeded() {
		return this.exceeded;
	}

	long steps() {
		return this.steps;
	}

	@Override
	public void callback(CelExpr expr, Object value) {
		if (this.exceeded != null) {
			throw new Exceeded(this.exceeded);
		}
		if (++this.steps > this.maxSteps) {
			stop("it needs more than " + this.maxSteps + " evaluation steps");
		}
		// every step: one regex match can take a while between two callbacks
		if (System.nanoTime() - this.deadline > 0) {
			stop("it ran longer than " + this.time.toMillis() + " ms");
		}
		if (Thread.currentThread().isInterrupted()) {
			stop("its evaluation was interrupted");
		}
		CelExpr.ExprKind.Kind kind = expr.exprKind().getKind();
		if (kind == CelExpr.ExprKind.Kind.IDENT || kind == CelExpr.ExprKind.Kind.SELECT) {
			// a read: the value was weighed as input, or when it was built
			return;
		}
		if (value instanceof CharSequence text && text.length() > this.maxChars) {
			stop("it built a string longer than " + this.maxChars + " characters");
		}
		if (value instanceof CelByteString bytes && bytes.size() > this.maxChars) {
			stop("it built bytes longer than " + this.maxChars);
		}
		if ((value instanceof Collection || value instanceof Map)
				&& weigh(value, this.maxWeight, null) > this.maxWeight) {
			stop("it built a value larger than " + this.maxWeight + " elements");
		}
	}

	private long weigh(@Nullable Object value, long limit, long @Nullable [] longest) {
		if (value instanceof CharSequence text) {
			if (longest != null) {
				longest[0] = Math.max(longest[0], text.length());
			}
			return 1 + text.length() / 16;
		}
		if (!(value instanceof Collection) && !(value instanceof Map)) {
			return 1;
		}
		if (value instanceof ConcatenatedListView<?> accumulator) {
			// a loop's accumulator grows in place: its length now, its weight once done
			return accumulator.size();
		}
		Long known = this.weights.get(value);
		if (known != null) {
			return known;
		}
		long weight = 1;
		if (value instanceof Collection<?> items) {
			if (items.size() > limit) {
				return items.size();
			}
			for (Object item : items) {
				weight += weigh(item, limit, longest);
				if (weight > limit) {
					return weight;
				}
			}
		}
		else {
			Map<?, ?> entries = (Map<?, ?>) value;
			if (entries.size() > limit) {
				return entries.size();
			}
			for (Map.Entry<?, ?> entry : entries.entrySet()) {
				weight += weigh(entry.getKey(), limit, longest) + weigh(entry.getValue(), limit, longest);
				if (weight > limit) {
					return weight;
				}
			}
		}
		this.weights.put(value, weight);
		return weight;
	}

	private void stop(String why) {
		this.exceeded = why;
		throw new Exceeded(why);
	}

	/**
	 * The evaluation went over its budget.
	 */
	static final class Exceeded extends RuntimeException {

		Exceeded(String message) {
			super(message, null, false, false);
		}

	}

}
