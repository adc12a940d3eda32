package com.hirebuddha.worker.engine;

import com.hirebuddha.commons.events.EventCodec;
import com.hirebuddha.commons.events.EventEnvelope;
import com.hirebuddha.commons.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code execution.requested}. A request becomes a queued run (once, by
 * execution id) and this worker starts it if it has room; the offset is committed only
 * after the run is stored, so an accepted run is never lost. A cancel request marks the
 * run and stops it here if it runs here; the worker holding it elsewhere sees the mark
 * within a quarter second.
 */
@Component
class RunIntake {

	private static final Logger log = LoggerFactory.getLogger(RunIntake.class);

	private final EventCodec codec;

	private final Runs runs;

	private final Engine engine;

	RunIntake(EventCodec codec, Runs runs, Engine engine) {
		this.codec = codec;
		this.runs = runs;
		this.engine = engine;
	}

	@KafkaListener(id = "worker-service.execution-requested", topics = Topics.EXECUTION_REQUESTED,
			concurrency = "${hb.engine.intake-concurrency:3}")
	void onRequest(String value) {
		EventEnvelope envelope = this.codec.read(value);
		if (RunRequest.TYPE.equals(envelope.type())) {
			this.engine.accept(this.codec.data(envelope, RunRequest.class));
		}
		else if (RunRequest.CANCEL_TYPE.equals(envelope.type())) {
			RunRequest.Cancel cancel = this.codec.data(envelope, RunRequest.Cancel.class);
			this.runs.requestCancel(cancel.executionId()).ifPresent(this.engine::announce);
			this.engine.cancel(cancel.executionId());
			log.info("run {} cancel requested", cancel.executionId());
		}
	}

}
