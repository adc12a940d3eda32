package com.hirebuddha.ingestion.text;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A chunk as the chunker cut it, before it is stored.
 *
 * @param ordinal its place in the document, from 0
 * @param content its text: exactly {@code text.substring(start, end)} of the extracted
 * text
 * @param start where it begins in the extracted text
 * @param end where it ends (exclusive)
 * @param page the 1-based page it begins on, if the format has pages
 * @param headingPath the headings it sits under, outermost first
 * @param tokens its tokens
 * @param key what identifies it across runs: a hash of its place and content
 */
public record ChunkDraft(int ordinal, String content, int start, int end, @Nullable Integer page,
		List<String> headingPath, int tokens, String key) {
}
