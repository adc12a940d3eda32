package com.hirebuddha.commons.conditions;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ConditionsTests {

	@Test
	void anExpressionSeesTheInputAndUpstreamOutputs() {
		Map<String, Object> input = Map.of("score", 7, "tags", List.of("java", "go"), "name", "Ada");
		Map<String, Object> nodes = Map.of("review", Map.of("output", "APPROVED: fine", "status", "SUCCEEDED"));
		assertThat(Conditions.evaluate("input.score > 5 && 'java' in input.tags", input, nodes)).isTrue();
		assertThat(Conditions.evaluate("nodes.review.output.startsWith('APPROVED')", input, nodes)).isTrue();
		assertThat(Conditions.evaluate("input.score >= 8.5", input, nodes)).isFalse();
		assertThat(Conditions.evaluate("has(input.missing)", input, nodes)).isFalse();
	}

	@Test
	void aBadExpressionIsNamedWhenSavedAndRefusedWhenRun() {
		assertThat(Conditions.problem("input.score >")).startsWith("the expression does not compile");
		assertThat(Conditions.problem("'not a boolean'")).startsWith("the expression does not compile");
		assertThat(Conditions.problem("input.score > 5")).isNull();
		assertThat(Conditions.problem("x".repeat(Conditions.MAX_LENGTH + 1))).contains("longer than");
		assertThatIllegalArgumentException().isThrownBy(() -> Conditions.evaluate("input.nope > 1", Map.of(), Map.of()))
			.withMessageStartingWith("the expression failed");
	}

}
