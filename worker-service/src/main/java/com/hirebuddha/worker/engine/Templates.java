package com.hirebuddha.worker.engine;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

	static String render(String template, Map<String, Object> input, Map<String, NodeState> nodes) {
		Matcher matcher = PLACEHOLDER.matcher(template);
		StringBuilder out = new StringBuilder(template.length());
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
			matcher.appendReplacement(out, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	static String text(Object value) {
		if (value == null) {
			return "";
		}
		return (value instanceof String text) ? text : JSON.writeValueAsString(value);
	}

}
