package com.hirebuddha.worker.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The engine's meters: runs by outcome, resumed runs, retries by cause, and how long runs
 * take from request to end.
 */
@Component
class EngineMetrics {

	private final MeterRegistry meters;

	EngineMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	void finished(String status) {
		Counter.builder("hb.engine.runs")
			.description("Runs this worker ended, by outcome")
			.tag("status", status)
			.register(this.meters)
			.increment();
	}

	void resumed() {
		Counter.builder("hb.engine.runs.resumed")
			.description("Runs taken over from a worker that vanished")
			.register(this.meters)
			.increment();
	}

	void retried(String nodeType, String code) {
		Counter.builder("hb.engine.node.retries")
			.description("Node attempts retried, by node type and failure")
			.tag("type", nodeType)
			.tag("code", code)
			.register(this.meters)
			.increment();
	}

}
