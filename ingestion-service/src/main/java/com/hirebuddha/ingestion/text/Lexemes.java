package com.hirebuddha.ingestion.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words full-text search matches, the same for any language: text is NFKC-normalised
 * and lower-cased, cut into runs of letters and digits, and each run of Chinese, Japanese
 * or Korean characters (which put no spaces between words) is cut into overlapping
 * character pairs, as Lucene's CJK analyzer does. No stemming, so a German or a Japanese
 * word is found as written; PostgreSQL indexes the result with its {@code simple}
 * configuration.
 */
public final class Lexemes {

	private Lexemes() {
	}

	/**
	 * What to index for a text: its terms, space-separated, for
	 * {@code to_tsvector('simple', ...)}.
	 * @param text the text
	 * @return the terms
	 */
	public static String document(String text) {
		StringBuilder out = new StringBuilder(text.length() + 16);
		for (List<String> word : words(text)) {
			for (String term : word) {
				out.append(term).append(' ');
			}
		}
		return out.toString().strip();
	}

	/**
	 * The {@code to_tsquery('simple', ...)} for a search: any of the query's words, each
	 * CJK word as its character pairs in sequence.
	 * @param query what the user typed
	 * @return the tsquery text, empty if the query has no words
	 */
	public static String query(String query) {
		Set<String> alternatives = new LinkedHashSet<>();
		for (List<String> word : words(query)) {
			alternatives.add((word.size() == 1) ? quote(word.get(0))
					: "(" + String.join(" <-> ", word.stream().map(Lexemes::quote).toList()) + ")");
		}
		return String.join(" | ", alternatives);
	}

	// each word: one term, or a CJK run's character pairs
	private static List<List<String>> words(String text) {
		String normal = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
		List<List<String>> words = new ArrayList<>();
		int i = 0;
		int length = normal.length();
		while (i < length) {
			int cp = normal.codePointAt(i);
			if (!Character.isLetterOrDigit(cp)) {
				i += Character.charCount(cp);
				continue;
			}
			boolean cjk = isCjk(cp);
			int start = i;
			while (i < length) {
				int next = normal.codePointAt(i);
				if (!isWordPart(next) || isCjk(next) != cjk) {
					break;
				}
				i += Character.charCount(next);
			}
			String run = normal.substring(start, i);
			if (cjk) {
				words.add(pairs(run));
			}
			else if (run.length() <= 100) {
				words.add(List.of(run));
			}
		}
		return words;
	}

	private static List<String> pairs(String run) {
		int[] cps = run.codePoints().toArray();
		if (cps.length == 1) {
			return List.of(run);
		}
		List<String> pairs = new ArrayList<>(cps.length - 1);
		for (int i = 0; i + 1 < cps.length; i++) {
			pairs.add(new String(cps, i, 2));
		}
		return pairs;
	}

	private static boolean isWordPart(int cp) {
		// letters, digits and the marks that belong to them (diacritics, Indic vowel
		// signs)
		int type = Character.getType(cp);
		return Character.isLetterOrDigit(cp) || type == Character.NON_SPACING_MARK
				|| type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
	}

	private static boolean isCjk(int cp) {
		Character.UnicodeScript script = Character.UnicodeScript.of(cp);
		return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
				|| script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
	}

	private static String quote(String term) {
		return "'" + term.replace("'", "''").replace("\\", "\\\\") + "'";
	}

}
