package com.hirebuddha.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic, obviously simulated English-like text built from a fixed vocabulary.
 */
final class SimulatedText {

	private static final List<String> OPENING = List.of("Simulated", "response:");

	private static final List<String> VOCABULARY = List.of("the", "agent", "plan", "task", "team", "result", "data",
			"review", "update", "report", "candidate", "workflow", "simple", "clear", "steady", "quick", "careful",
			"useful", "next", "first", "final", "small", "large", "shared", "local", "checks", "builds", "reads",
			"writes", "sends", "finds", "keeps", "makes", "takes", "gives", "shows", "needs", "follows", "and", "with",
			"for", "from", "into", "about", "after", "before", "while", "every", "each", "some", "many", "this", "that",
			"today", "again", "soon", "well", "here", "there", "now");

	private static final int SHORTEST_SENTENCE = 5;

	private static final int LONGEST_SENTENCE = 12;

	private SimulatedText() {
	}

	/**
	 * Builds the first pieces of a completion. Each piece is one word, with a leading
	 * space except for the first; a completion cut short is a prefix of the full one.
	 * @param seed the seed that picks the words
	 * @param count how many pieces to build
	 * @param length the length of the full completion, whose last word ends with a period
	 * @return the pieces
	 */
	static List<String> pieces(long seed, int count, int length) {
		SplittableRandom random = new SplittableRandom(seed);
		List<String> pieces = new ArrayList<>(count);
		int sentenceLeft = 0;
		for (int i = 0; i < count; i++) {
			String word;
			if (i < OPENING.size()) {
				word = OPENING.get(i);
			}
			else {
				boolean startsSentence = sentenceLeft == 0;
				if (startsSentence) {
					sentenceLeft = random.nextInt(SHORTEST_SENTENCE, LONGEST_SENTENCE + 1);
				}
				word = VOCABULARY.get(random.nextInt(VOCABULARY.size()));
				word = startsSentence ? capitalize(word) : word;
				sentenceLeft--;
				word = (sentenceLeft == 0 || i == length - 1) ? word + "." : word;
			}
			pieces.add((i == 0) ? word : " " + word);
		}
		return pieces;
	}

	private static String capitalize(String word) {
		return Character.toUpperCase(word.charAt(0)) + word.substring(1);
	}

}
