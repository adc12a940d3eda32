package com.hirebuddha.ingestion.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Cuts extracted text into chunks of at most {@code chunkTokens} tokens, each repeating
 * up to {@code overlapTokens} tokens from the end of the one before. Recursive: a section
 * is split at paragraph breaks, then lines, then sentences, then words, only as far as
 * needed for every piece to fit; pieces are then packed greedily. Heading-aware: a chunk
 * never spans two sections or two pages, and carries the path of headings above it. Every
 * chunk is an exact span of the text, so its offsets point a citation at the place it
 * came from.
 */
public final class Chunker {

	private static final String[] SEPARATORS = { "\n\n", "\n", ". ", "? ", "! ", "; ", ", ", " " };

	private final int chunkTokens;

	private final int overlapTokens;

	private final TokenCounter tokens;

	/**
	 * A chunker.
	 * @param chunkTokens most tokens in a chunk
	 * @param overlapTokens tokens repeated from the chunk before (less than
	 * {@code chunkTokens})
	 * @param tokens how tokens are counted
	 */
	public Chunker(int chunkTokens, int overlapTokens, TokenCounter tokens) {
		if (chunkTokens < 1 || overlapTokens < 0 || overlapTokens >= chunkTokens) {
			throw new IllegalArgumentException("need 0 <= overlap < chunk size");
		}
		this.chunkTokens = chunkTokens;
		this.overlapTokens = overlapTokens;
		this.tokens = tokens;
	}

	/**
	 * Cuts a document.
	 * @param extracted its text
	 * @return its chunks, in order
	 */
	public List<ChunkDraft> chunk(ExtractedText extracted) {
		List<ChunkDraft> chunks = new ArrayList<>();
		String text = extracted.text();
		// sections end where a heading or a page begins
		TreeMap<Integer, ExtractedText.@Nullable Heading> boundaries = new TreeMap<>();
		for (int start : extracted.pageStarts()) {
			boundaries.putIfAbsent(start, null);
		}
		for (ExtractedText.Heading heading : extracted.headings()) {
			boundaries.put(heading.offset(), heading);
		}
		List<String> path = new ArrayList<>();
		List<Integer> levels = new ArrayList<>();
		int sectionStart = 0;
		for (Map.Entry<Integer, ExtractedText.@Nullable Heading> boundary : boundaries.entrySet()) {
			int offset = Math.min(boundary.getKey(), text.length());
			if (offset > sectionStart) {
				section(extracted, sectionStart, offset, List.copyOf(path), chunks);
				sectionStart = offset;
			}
			ExtractedText.Heading heading = boundary.getValue();
			if (heading != null) {
				while (!levels.isEmpty() && levels.get(levels.size() - 1) >= heading.level()) {
					levels.remove(levels.size() - 1);
					path.remove(path.size() - 1);
				}
				levels.add(heading.level());
				path.add(heading.title());
			}
		}
		section(extracted, sectionStart, text.length(), List.copyOf(path), chunks);
		return chunks;
	}

	private void section(ExtractedText extracted, int from, int to, List<String> headingPath, List<ChunkDraft> chunks) {
		List<Span> pieces = new ArrayList<>();
		split(extracted.text(), trim(extracted.text(), new Span(from, to, 0)), 0, pieces);
		int i = 0;
		while (i < pieces.size()) {
			int first = i;
			int used = 0;
			while (i < pieces.size() && (i == first || used + pieces.get(i).tokens() <= this.chunkTokens)) {
				used += pieces.get(i).tokens();
				i++;
			}
			Span chunk = trim(extracted.text(), new Span(pieces.get(first).start(), pieces.get(i - 1).end(), 0));
			if (chunk.end() > chunk.start()) {
				add(extracted, chunk, headingPath, chunks);
			}
			if (i < pieces.size() && this.overlapTokens > 0) {
				// step back over whole pieces worth at most the overlap, keeping progress
				int back = i;
				int overlap = 0;
				while (back - 1 > first && overlap + pieces.get(back - 1).tokens() <= this.overlapTokens) {
					back--;
					overlap += pieces.get(back).tokens();
				}
				i = back;
			}
		}
	}

	private void add(ExtractedText extracted, Span span, List<String> headingPath, List<ChunkDraft> chunks) {
		String content = extracted.text().substring(span.start(), span.end());
		int count = this.tokens.count(content);
		chunks.add(new ChunkDraft(chunks.size(), content, span.start(), span.end(), extracted.pageAt(span.start()),
				headingPath, count, key(span, content)));
	}

	// splits a span into pieces that each fit a chunk, at the coarsest separator that
	// helps
	private void split(String text, Span span, int level, List<Span> out) {
		if (span.end() <= span.start()) {
			return;
		}
		int length = span.end() - span.start();
		// a word piece is rarely over 20 characters: far longer text cannot fit, and is
		// not
		// worth tokenizing whole
		if (length <= this.chunkTokens * 20) {
			int count = this.tokens.count(text.substring(span.start(), span.end()));
			if (count <= this.chunkTokens) {
				out.add(new Span(span.start(), span.end(), count));
				return;
			}
		}
		if (level >= SEPARATORS.length) {
			hardSplit(text, span, out);
			return;
		}
		String separator = SEPARATORS[level];
		int start = span.start();
		int at = text.indexOf(separator, start);
		if (at < 0 || at >= span.end()) {
			split(text, span, level + 1, out);
			return;
		}
		while (start < span.end()) {
			at = text.indexOf(separator, start);
			int end = (at < 0 || at + separator.length() > span.end()) ? span.end() : at + separator.length();
			split(text, new Span(start, end, 0), level + 1, out);
			start = end;
		}
	}

	// a run with no separator at all (a long token string): cut by characters
	private void hardSplit(String text, Span span, List<Span> out) {
		int start = span.start();
		while (start < span.end()) {
			int end = Math.min(span.end(), start + Math.max(1, this.chunkTokens * 2));
			while (end > start + 1 && this.tokens.count(text.substring(start, end)) > this.chunkTokens) {
				end = start + (end - start) * 3 / 4;
			}
			if (end < span.end() && Character.isHighSurrogate(text.charAt(end - 1))) {
				end++;
			}
			out.add(new Span(start, end, this.tokens.count(text.substring(start, end))));
			start = end;
		}
	}

	private static Span trim(String text, Span span) {
		int start = span.start();
		int end = span.end();
		while (start < end && Character.isWhitespace(text.charAt(start))) {
			start++;
		}
		while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
			end--;
		}
		return new Span(start, end, span.tokens());
	}

	private static String key(Span span, String content) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			sha.update((span.start() + ":" + span.end() + ":").getBytes(StandardCharsets.UTF_8));
			sha.update(content.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(sha.digest(), 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Span(int start, int end, int tokens) {
	}

}
