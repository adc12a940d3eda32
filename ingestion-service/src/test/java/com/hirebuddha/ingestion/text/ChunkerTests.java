package com.hirebuddha.ingestion.text;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chunker on its own, with words as tokens: sizes, overlap, exact spans, sections.
 */
class ChunkerTests {

	private static final TokenCounter WORDS = (text) -> text.isBlank() ? 0 : text.strip().split("\\s+").length;

	@Test
	void chunksFitTheirSizeOverlapAndAreExactSpansOfTheText() {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 40; i++) {
			text.append("Sentence number ").append(i).append(" has six words. ");
		}
		ExtractedText extracted = new ExtractedText(text.toString(), List.of(), List.of());
		List<ChunkDraft> chunks = new Chunker(30, 6, WORDS).chunk(extracted);
		assertThat(chunks).hasSizeGreaterThan(8);
		for (ChunkDraft chunk : chunks) {
			assertThat(chunk.tokens()).isLessThanOrEqualTo(30);
			assertThat(extracted.text().substring(chunk.start(), chunk.end())).isEqualTo(chunk.content());
		}
		for (int i = 1; i < chunks.size(); i++) {
			assertThat(chunks.get(i).start()).as("overlap: chunk %d begins inside the one before", i)
				.isLessThan(chunks.get(i - 1).end());
			assertThat(chunks.get(i).start()).as("and still moves on").isGreaterThan(chunks.get(i - 1).start());
		}
		assertThat(chunks.get(chunks.size() - 1).end()).isEqualTo(extracted.text().strip().length());
	}

	@Test
	void headingsAndPagesStartNewChunksAndTheHeadingPathIsKept() {
		String text = "Intro line.\nTitle\nBody of the title.\nSub\nBody of sub.\nOther\nBody of other.";
		int title = text.indexOf("Title");
		int sub = text.indexOf("Sub");
		int other = text.indexOf("Other");
		ExtractedText extracted = new ExtractedText(text, List.of(0, text.indexOf("Body of sub.")),
				List.of(new ExtractedText.Heading(1, "Title", title), new ExtractedText.Heading(2, "Sub", sub),
						new ExtractedText.Heading(1, "Other", other)));
		List<ChunkDraft> chunks = new Chunker(100, 0, WORDS).chunk(extracted);
		assertThat(chunks).extracting(ChunkDraft::headingPath)
			.containsExactly(List.of(), List.of("Title"), List.of("Title", "Sub"), List.of("Title", "Sub"),
					List.of("Other"));
		assertThat(chunks).extracting(ChunkDraft::page).containsExactly(1, 1, 1, 2, 2);
	}

	@Test
	void aWordLongerThanAChunkIsCutAndTheSameTextGivesTheSameKeys() {
		String text = "x".repeat(500);
		TokenCounter characters = String::length;
		List<ChunkDraft> chunks = new Chunker(100, 0, characters).chunk(new ExtractedText(text, List.of(), List.of()));
		assertThat(chunks).allSatisfy((chunk) -> assertThat(chunk.tokens()).isLessThanOrEqualTo(100));
		assertThat(String.join("", chunks.stream().map(ChunkDraft::content).toList())).isEqualTo(text);
		assertThat(new Chunker(100, 0, characters).chunk(new ExtractedText(text, List.of(), List.of())))
			.extracting(ChunkDraft::key)
			.isEqualTo(chunks.stream().map(ChunkDraft::key).toList());
	}

}
