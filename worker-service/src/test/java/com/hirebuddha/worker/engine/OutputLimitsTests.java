package com.hirebuddha.worker.engine;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Text is counted the way events carry it, so the limits are limits on events: a control
 * character is six bytes, an emoji four, and an output cut for an event stays within its
 * bytes without splitting a character.
 */
class OutputLimitsTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void textIsCountedAsItsJsonStringTakesItInUtf8() {
		for (String text : new String[] { "plain", "caf\u00e9", "\u4e2d\u6587", "\ud83d\ude00", "\u0001\u001f",
				"quote \" and \\ and \n" }) {
			int asSent = this.json.writeValueAsBytes(text).length - 2;
			assertThat(OutputLimits.encodedBytes(text)).as(text).isEqualTo(asSent);
		}
	}

	@Test
	void anOutputCutForAnEventFitsItsBytesWithoutSplittingACharacter() {
		String controls = "\u0001".repeat(200_000);
		String capped = Progress.capped(controls);
		assertThat(this.json.writeValueAsBytes(capped).length).as("bytes of the capped output in an event")
			.isLessThanOrEqualTo(Progress.MAX_OUTPUT + 100);
		assertThat(capped).endsWith("[truncated: 200000 characters in all]");
		String emoji = "\ud83d\ude00".repeat(10);
		assertThat(OutputLimits.prefixWithin(emoji, 9)).isEqualTo("\ud83d\ude00\ud83d\ude00");
		assertThat(Progress.capped("short")).isEqualTo("short");
	}

	@Test
	void aMeterRefusesTextPastTheNodeOrTheRunAndGivesTheRunBackWhatItHeld() {
		OutputLimits.RunMeter run = new OutputLimits.RunMeter(10);
		OutputLimits.Meter first = new OutputLimits.Meter(8, run);
		first.add("123456");
		assertThatExceptionOfType(OutputLimits.Exceeded.class).isThrownBy(() -> first.add("789"))
			.withMessageContaining("hb.engine.max-node-output-bytes");
		try (OutputLimits.Meter second = new OutputLimits.Meter(8, run)) {
			assertThatExceptionOfType(OutputLimits.Exceeded.class).isThrownBy(() -> second.add("12"))
				.withMessageContaining("hb.engine.max-run-output-bytes");
		}
		first.close();
		assertThat(run.over()).isFalse();
		try (OutputLimits.Meter third = new OutputLimits.Meter(8, run)) {
			third.add("12345678");
		}
	}

}
