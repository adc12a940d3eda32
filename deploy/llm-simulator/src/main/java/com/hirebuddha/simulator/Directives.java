package com.hirebuddha.simulator;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code [[sim:key=value]]} directives read from the last user message, which let any
 * client steer one simulated completion.
 *
 * @param tokens the completion length
 * @param delayMs the delay before each token, in milliseconds
 * @param latencyMs the extra delay before the first token, in milliseconds
 * @param error the HTTP error status to answer with
 * @param failAfter the number of tokens to stream before aborting the connection
 * @param cite the number of citation marks ({@code [1]} up to {@code [n]}) the completion
 * ends with, as an answer grounded in retrieved passages would
 */
record Directives(OptionalInt tokens, OptionalInt delayMs, OptionalInt latencyMs, OptionalInt error,
		OptionalInt failAfter, OptionalInt cite) {

	private static final Pattern DIRECTIVE = Pattern.compile("\\[\\[sim:([A-Za-z_]+)=([^\\]]*)]]");

	private static final Map<String, Range> RANGES = Map.of("tokens", new Range(1, SimulatorSettings.MAX_TOKENS),
			"delay_ms", new Range(0, 60_000), "latency_ms", new Range(0, 600_000), "error", new Range(400, 599),
			"fail_after", new Range(0, SimulatorSettings.MAX_TOKENS), "cite", new Range(1, 20));

	/** No directives at all. */
	static final Directives NONE = parse("");

	/**
	 * Reads the directives in a message text; when one appears twice, the last wins.
	 * @param text the text of the last user message
	 * @return the directives
	 * @throws OpenAiException a 400 failure for an unknown directive or a bad value
	 */
	static Directives parse(String text) {
		Map<String, Integer> values = new HashMap<>();
		Matcher matcher = DIRECTIVE.matcher(text);
		while (matcher.find()) {
			String key = matcher.group(1);
			Range range = RANGES.get(key);
			if (range == null) {
				throw OpenAiException.badRequest("invalid_directive", "Unknown simulator directive [[sim:" + key
						+ "=...]]; known: tokens, delay_ms, latency_ms, error, fail_after, cite.");
			}
			values.put(key, range.parse(key, matcher.group(2)));
		}
		return new Directives(get(values, "tokens"), get(values, "delay_ms"), get(values, "latency_ms"),
				get(values, "error"), get(values, "fail_after"), get(values, "cite"));
	}

	private static OptionalInt get(Map<String, Integer> values, String key) {
		Integer value = values.get(key);
		return (value != null) ? OptionalInt.of(value) : OptionalInt.empty();
	}

	/**
	 * The accepted values of one directive.
	 *
	 * @param min the smallest accepted value
	 * @param max the largest accepted value
	 */
	private record Range(int min, int max) {

		int parse(String key, String text) {
			try {
				int value = Integer.parseInt(text.trim());
				if (value >= this.min && value <= this.max) {
					return value;
				}
			}
			catch (NumberFormatException ex) {
				// reported below
			}
			throw OpenAiException.badRequest("invalid_directive", "Simulator directive [[sim:" + key
					+ "]] needs a whole number between " + this.min + " and " + this.max + " but got '" + text + "'.");
		}

	}

}
