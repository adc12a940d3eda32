package com.hirebuddha.ingestion.text;

/**
 * Counts tokens as the embedding model will see them, so a chunk fits its input.
 */
@FunctionalInterface
public interface TokenCounter {

	/**
	 * Counts a text's tokens.
	 * @param text the text
	 * @return its tokens
	 */
	int count(String text);

}
