package com.hirebuddha.simulator;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests how {@link SimulatorSettings} reads arguments, environment and defaults.
 */
class SimulatorSettingsTests {

	@Test
	void usesDefaults() {
		assertThat(SimulatorSettings.from(new String[0], Map.of()))
			.isEqualTo(new SimulatorSettings("127.0.0.1", 8099, 20, 0, 48));
	}

	@Test
	void argumentsOverrideEnvironment() {
		Map<String, String> env = Map.of("HB_SIMULATOR_PORT", "9000", "HB_SIMULATOR_HOST", "0.0.0.0",
				"HB_SIMULATOR_TOKEN_DELAY_MS", "5", "HB_SIMULATOR_LATENCY_MS", "100", "HB_SIMULATOR_TOKENS", "12");
		assertThat(SimulatorSettings.from(new String[0], env))
			.isEqualTo(new SimulatorSettings("0.0.0.0", 9000, 5, 100, 12));
		String[] args = { "--port=9100", "--token-delay-ms=0", "--tokens=3" };
		assertThat(SimulatorSettings.from(args, env)).isEqualTo(new SimulatorSettings("0.0.0.0", 9100, 0, 100, 3));
	}

	@Test
	void rejectsUnknownOrInvalidArguments() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SimulatorSettings.from(new String[] { "--colour=x" }, Map.of()))
			.withMessageContaining("colour");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SimulatorSettings.from(new String[] { "--port=x" }, Map.of()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SimulatorSettings.from(new String[] { "--tokens=0" }, Map.of()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SimulatorSettings.from(new String[] { "port" }, Map.of()));
	}

}
