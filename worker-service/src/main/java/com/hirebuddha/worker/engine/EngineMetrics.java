package com.hirebuddha.worker.engine;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

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

	void finished(String status, Duration sinceRequest) {
		Timer.builder("hb.engine.runs")
			.description("Runs from request to end, by outcome")
			.tag("status", status)
			.register(this.meters)
			.record(sinceRequest);
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
