package com.hirebuddha.commons.conditions;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
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

	@ParameterizedTest(name = "{0}")
	@MethodSource("blowUps")
	void anExpressionThatWouldRunAwayIsStoppedAtItsBudget(String name, String expression) {
		assertThat(expression.length()).as("short enough to save").isLessThan(Conditions.MAX_LENGTH);
		assertThat(Conditions.problem(expression)).as("it compiles: the runtime must stop it").isNull();
		long started = System.nanoTime();
		assertThatExceptionOfType(Conditions.LimitExceededException.class)
			.isThrownBy(() -> Conditions.evaluate(expression, Map.of(), Map.of()))
			.withMessageStartingWith("the expression was stopped: it ");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("stopped within its second, not minutes later")
			.isLessThan(Duration.ofSeconds(3));
	}

	static Stream<Arguments> blowUps() {
		String digits = "[0,1,2,3,4,5,6,7,8,9]";
		StringBuilder nested = new StringBuilder();
		for (int i = 1; i <= 8; i++) {
			nested.append(digits).append(".all(a").append(i).append(", ");
		}
		nested.append("a1 + a8 >= 0").append(")".repeat(8));
		String doubling = "['ab'].all(s, " + "[s+s].all(s, ".repeat(25) + "size(s) > 0" + ")".repeat(26);
		String shared = "[[[0],[0]]].all(p, " + "[[[p[0],p[0]],[p[1],p[1]]]].all(p, ".repeat(25) + "p[0] == p[1]"
				+ ")".repeat(26);
		return Stream.of(Arguments.of("10^8 steps of nested loops", nested.toString()),
				Arguments.of("the same, its error swallowed by ||", "(" + nested + ") || true"),
				Arguments.of("a string doubled 25 times", doubling),
				Arguments.of("lists sharing their halves, compared in one ==", shared));
	}

	@Test
	void aTightTimeLimitStopsAnExpressionWithinIt() {
		String loops = "[0,1,2,3,4,5,6,7,8,9].all(a, [0,1,2,3,4,5,6,7,8,9].all(b, "
				+ "[0,1,2,3,4,5,6,7,8,9].all(c, [0,1,2,3,4,5,6,7,8,9].all(d, a + b + c + d >= 0))))";
		Conditions.Limits tight = new Conditions.Limits(10_000_000, Duration.ofMillis(5), 1000, 1000);
		assertThatExceptionOfType(Conditions.LimitExceededException.class)
			.isThrownBy(() -> Conditions.evaluate(loops, Map.of(), Map.of(), tight))
			.withMessageContaining("longer than 5 ms");
		String fewer = "[0,1,2,3,4,5,6,7,8,9].all(a, [0,1,2,3,4,5,6,7,8,9].all(b, "
				+ "[0,1,2,3,4,5,6,7,8,9].all(c, a + b + c >= 0)))";
		assertThat(Conditions.evaluate(fewer, Map.of(), Map.of())).as("a thousand loops fit the default budget")
			.isTrue();
		Map<String, Object> big = Map.of("items", java.util.Collections.nCopies(150_000, 1));
		assertThat(Conditions.evaluate("size(input.items) == 150000", big, Map.of()))
			.as("reading a large input is free")
			.isTrue();
	}

}
