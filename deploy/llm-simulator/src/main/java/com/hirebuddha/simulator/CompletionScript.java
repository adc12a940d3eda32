package com.hirebuddha.simulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The deterministic completion of one request: the pieces to emit, why it stops, and the
 * usage counts.
 *
 * @param pieces the content pieces, one token each
 * @param finishReason {@code stop}, or {@code length} when cut by a token limit
 * @param promptTokens the prompt token count
 */
record CompletionScript(List<String> pieces, String finishReason, int promptTokens) {

	/** The tokens counted for each message on top of its words. */
	static final int TOKENS_PER_MESSAGE = 3;

	/**
	 * Plans the completion of a request.
	 * @param request the request
	 * @param defaultTokens the completion length when no directive sets one
	 * @return the completion
	 */
	static CompletionScript of(CompletionRequest request, int defaultTokens) {
		int length = request.directives().tokens().orElse(defaultTokens);
		int limit = request.maxTokens().orElse(Integer.MAX_VALUE);
		int count = Math.min(length, limit);
		List<String> pieces = new ArrayList<>(SimulatedText.pieces(seed(request), count, length));
		if (count == length) {
			// a grounded answer's marks, each its own piece, after the text
			request.directives().cite().ifPresent((marks) -> {
				for (int n = 1; n <= marks; n++) {
					pieces.add(" [" + n + "]");
				}
			});
		}
		return new CompletionScript(List.copyOf(pieces), (count < length) ? "length" : "stop",
				promptTokens(request.messages()));
	}

	/**
	 * Counts the prompt tokens: the whitespace-separated words of every message, plus
	 * {@value #TOKENS_PER_MESSAGE} per message.
	 * @param messages the messages
	 * @return the prompt token count
	 */
	static int promptTokens(List<CompletionRequest.ChatMessage> messages) {
		int tokens = 0;
		for (CompletionRequest.ChatMessage message : messages) {
			String text = message.text().strip();
			tokens += TOKENS_PER_MESSAGE + (text.isEmpty() ? 0 : text.split("\\s+").length);
		}
		return tokens;
	}

	int completionTokens() {
		return this.pieces.size();
	}

	int totalTokens() {
		return this.promptTokens + completionTokens();
	}

	String text() {
		return String.join("", this.pieces);
	}

	private static long seed(CompletionRequest request) {
		MessageDigest digest = sha256();
		update(digest, request.model());
		for (CompletionRequest.ChatMessage message : request.messages()) {
			update(digest, message.role());
			update(digest, message.text());
		}
		return ByteBuffer.wrap(digest.digest()).getLong();
	}

	private static void update(MessageDigest digest, String text) {
		digest.update(text.getBytes(StandardCharsets.UTF_8));
		digest.update((byte) 0);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

}
