package com.hirebuddha.simulator;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the deterministic text and the token counting of {@link CompletionScript}.
 */
class CompletionScriptTests {

	@Test
	void countsWordsPlusThreePerMessage() {
		CompletionScript script = script(
				"""
						{"messages":[{"role":"system","content":"  Be   brief.\\n"},{"role":"user","content":"Hi there [[sim:tokens=4]]"},
						{"role":"assistant","content":null}]}""");
		assertThat(script.promptTokens()).isEqualTo((2 + 3) + (3 + 3) + (0 + 3));
		assertThat(script.completionTokens()).isEqualTo(4);
		assertThat(script.pieces()).containsExactly("Simulated", " response:", script.pieces().get(2),
				script.pieces().get(3));
		assertThat(script.text()).endsWith(".");
	}

	@Test
	void aCutCompletionIsAPrefixOfTheFullOne() {
		CompletionScript full = script("{\"messages\":[{\"role\":\"user\",\"content\":\"Go\"}]}");
		CompletionScript cut = script("{\"messages\":[{\"role\":\"user\",\"content\":\"Go\"}],\"max_tokens\":20}");
		assertThat(full.finishReason()).isEqualTo("stop");
		assertThat(cut.finishReason()).isEqualTo("length");
		assertThat(full.pieces()).startsWith(cut.pieces().toArray(String[]::new));
		assertThat(full.pieces()).allSatisfy((piece) -> assertThat(piece.strip()).doesNotContain(" "));
	}

	@Test
	void citeEndsTheAnswerWithItsMarksAsTokensOfTheirOwn() {
		CompletionScript script = script(
				"{\"messages\":[{\"role\":\"user\",\"content\":\"Why? [[sim:tokens=5]] [[sim:cite=3]]\"}]}");
		assertThat(script.text()).endsWith(". [1] [2] [3]");
		assertThat(script.completionTokens()).isEqualTo(8);
		assertThat(
				script("{\"messages\":[{\"role\":\"user\",\"content\":\"[[sim:cite=3]]\"}],\"max_tokens\":2}").text())
			.as("an answer cut short has no marks")
			.doesNotContain("[");
	}

	@Test
	void aSingleTokenIsTheFirstWord() {
		assertThat(script("{\"messages\":[{\"role\":\"user\",\"content\":\"[[sim:tokens=1]]\"}]}").text())
			.isEqualTo("Simulated");
	}

	private static CompletionScript script(String json) {
		CompletionRequest request = CompletionRequest.parse(json.getBytes(StandardCharsets.UTF_8),
				SimulatorClient.MAPPER);
		return CompletionScript.of(request, 48);
	}

}
