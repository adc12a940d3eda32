package com.hirebuddha.commons.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * What text a service accepts from a client: anything PostgreSQL can store and JSON can
 * carry faithfully. That excludes exactly two things, U+0000 (PostgreSQL's {@code text}
 * cannot hold it) and a UTF-16 surrogate without its partner (UTF-8 cannot encode it, so
 * it would be stored as {@code ?}). Request bodies are checked while Jackson reads them
 * ({@link StrictJson}), query strings by {@link InputPolicyFilter}; both answer 400
 * naming the field, before any handler runs.
 */
public final class InputPolicy {

	/** What a client is told about text it may not send. */
	public static final String UNSTORABLE = "must not contain U+0000 or an unpaired UTF-16 surrogate";

	private InputPolicy() {
	}

	/**
	 * Whether text can be stored and sent on as it is.
	 * @param text the text
	 * @return true if it holds no U+0000 and no unpaired surrogate
	 */
	public static boolean storable(CharSequence text) {
		for (int i = 0, length = text.length(); i < length; i++) {
			char c = text.charAt(i);
			if (c == 0) {
				return false;
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
					i++;
					continue;
				}
				return false;
			}
			if (Character.isLowSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Checks a raw query string: every name and value must be well-formed percent-encoded
	 * UTF-8 and storable.
	 * @param query the query string as sent, without {@code ?}
	 * @return the first offending parameter's name ({@code "query"} if the name itself is
	 * unreadable), or null if the query is acceptable
	 */
	public static @Nullable String offendingParameter(String query) {
		for (String pair : query.split("&", -1)) {
			int equals = pair.indexOf('=');
			String rawName = (equals >= 0) ? pair.substring(0, equals) : pair;
			String name = decode(rawName);
			if (name == null || !storable(name)) {
				return "query";
			}
			String value = (equals >= 0) ? decode(pair.substring(equals + 1)) : "";
			if (value == null || !storable(value)) {
				return name;
			}
		}
		return null;
	}

	// strict: a malformed escape or invalid UTF-8 is refused, not replaced by U+FFFD
	private static @Nullable String decode(String encoded) {
		// a raw character takes at most 3 bytes (4 for a pair, which is 2 chars)
		ByteBuffer bytes = ByteBuffer.allocate(encoded.length() * 3);
		for (int i = 0; i < encoded.length(); i++) {
			char c = encoded.charAt(i);
			if (c == '%') {
				if (i + 2 >= encoded.length()) {
					return null;
				}
				int high = Character.digit(encoded.charAt(i + 1), 16);
				int low = Character.digit(encoded.charAt(i + 2), 16);
				if (high < 0 || low < 0) {
					return null;
				}
				bytes.put((byte) ((high << 4) | low));
				i += 2;
			}
			else if (c > 0x7f) {
				// a raw non-ASCII character the container decoded: its UTF-8, checked
				// with the rest (a lone surrogate cannot be encoded, and is refused)
				int end = (Character.isHighSurrogate(c) && i + 1 < encoded.length()) ? i + 2 : i + 1;
				String raw = encoded.substring(i, end);
				if (!storable(raw)) {
					return null;
				}
				bytes.put(raw.getBytes(StandardCharsets.UTF_8));
				i = end - 1;
			}
			else {
				bytes.put((byte) ((c == '+') ? ' ' : c));
			}
		}
		bytes.flip();
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(bytes)
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

}
