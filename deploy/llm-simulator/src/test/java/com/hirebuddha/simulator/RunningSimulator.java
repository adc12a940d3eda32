package com.hirebuddha.simulator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a real simulator on an ephemeral loopback port for a test class (no pacing, 48
 * tokens), and stops it afterwards; register it as a static {@code @RegisterExtension}
 * field.
 */
final class RunningSimulator implements BeforeAllCallback, AfterAllCallback {

	private LlmSimulator simulator;

	private SimulatorClient client;

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		this.simulator = LlmSimulator.start(new SimulatorSettings("127.0.0.1", 0, 0, 0, 48));
		this.client = new SimulatorClient(this.simulator.baseUri());
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.simulator.close();
	}

	SimulatorClient client() {
		return this.client;
	}

}
