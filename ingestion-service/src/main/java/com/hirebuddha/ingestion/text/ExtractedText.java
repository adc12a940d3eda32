package com.hirebuddha.ingestion.text;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A document's text as extraction left it, with where its pages begin and its headings
 * stand, as offsets into {@code text}.
 *
 * @param text the text
 * @param pageStarts the offset at which each page (slide, sheet) begins, in order; empty
 * for formats without pages
 * @param headings the headings, in order
 */
public record ExtractedText(String text, List<Integer> pageStarts, List<Heading> headings) {

	/**
	 * A heading.
	 *
	 * @param level 1 for a title, up to 6
	 * @param title its text
	 * @param offset where it begins in the text
	 */
	public record Heading(int level, String title, int offset) {
	}

	/**
	 * The page an offset falls on.
	 * @param offset an offset into the text
	 * @return the 1-based page, or null for formats without pages
	 */
	public @Nullable Integer pageAt(int offset) {
		if (this.pageStarts.isEmpty()) {
			return null;
		}
		int page = 0;
		for (int i = 0; i < this.pageStarts.size() && this.pageStarts.get(i) <= offset; i++) {
			page = i;
		}
		return page + 1;
	}

}
