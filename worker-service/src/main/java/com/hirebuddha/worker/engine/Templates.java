package com.hirebuddha.worker.engine;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fills {@code {{input.x}}}, {@code {{nodes.<id>.output}}} and
 * {@code {{nodes.<id>.error}}} in node settings. A value that is not text is written as
 * JSON; a node that did not run (skipped) gives the empty string.
 */
final class Templates {

	private static final Pattern PLACEHOLDER = Pattern
		.compile("\\{\\{\\s*(input|nodes)\\.([A-Za-z0-9_-]+)(?:\\.(output|error))?\\s*}}");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Templates() {
	}

	/**
	 * Fills a template, counting what it makes so that it stops as soon as the text
	 * passes its limit: a placeholder repeated a thousand times is refused, not built.
	 * @param template the template
	 * @param input the run's input
	 * @param nodes finished nodes by id
	 * @param meter what the node may still make
	 * @return the text
	 * @throws OutputLimits.Exceeded if it would take more
	 */
	static String render(String template, Map<String, Object> input, Map<String, NodeState> nodes,
			OutputLimits.Meter meter) {
		Matcher matcher = PLACEHOLDER.matcher(template);
		StringBuilder out = new StringBuilder(Math.min(template.length(), 64 * 1024));
		int literalFrom = 0;
		while (matcher.find()) {
			String value;
			if ("input".equals(matcher.group(1))) {
				value = text(input.get(matcher.group(2)));
			}
			else {
				NodeState node = nodes.get(matcher.group(2));
				if (node == null) {
					value = "";
				}
				else if ("error".equals(matcher.group(3))) {
					value = (node.error() != null) ? String.valueOf(node.error().get("message")) : "";
				}
				else {
					value = (node.output() != null) ? node.output() : "";
				}
			}
			CharSequence literal = template.subSequence(literalFrom, matcher.start());
			meter.add(literal);
			meter.add(value);
			out.append(literal).append(value);
			literalFrom = matcher.end();
		}
		CharSequence tail = template.subSequence(literalFrom, template.length());
		meter.add(tail);
		out.append(tail);
		return out.toString();
	}

	static String text(@Nullable Object value) {
		if (value == null) {
			return "";
		}
		return (value instanceof String text) ? text : JSON.writeValueAsString(value);
	}

}
