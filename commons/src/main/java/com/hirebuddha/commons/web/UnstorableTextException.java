package com.hirebuddha.commons.web;

import java.util.ArrayDeque;
import java.util.Deque;

import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamReadException;

/**
 * A JSON string (a value or a member name) holds text the {@link InputPolicy} refuses. It
 * names the field as a path ({@code input.items[2]}); for a refused member name, the
 * object that holds it, so the refused text is never echoed.
 */
public class UnstorableTextException extends StreamReadException {

	private final String field;

	/**
	 * The text at the parser's current position is refused.
	 * @param parser the parser that read it
	 * @param name whether it is a member name rather than a value
	 */
	UnstorableTextException(JsonParser parser, boolean name) {
		super(parser, "text " + InputPolicy.UNSTORABLE);
		this.field = path(parser.streamReadContext(), name);
	}

	/**
	 * Where the text is.
	 * @return the path, empty for the document itself
	 */
	public String field() {
		return this.field;
	}

	static String path(TokenStreamContext context, boolean skipInnermostName) {
		Deque<String> parts = new ArrayDeque<>();
		boolean skip = skipInnermostName;
		for (TokenStreamContext level = context; level != null && !level.inRoot(); level = level.getParent()) {
			if (level.inArray()) {
				parts.push("[" + Math.max(0, level.getCurrentIndex()) + "]");
			}
			else if (level.currentName() != null) {
				if (skip) {
					skip = false;
					continue;
				}
				parts.push("." + level.currentName());
			}
			skip = false;
		}
		String path = String.join("", parts);
		return path.startsWith(".") ? path.substring(1) : path;
	}

}
