package com.hirebuddha.billing.budgets;

import java.util.UUID;

import com.hirebuddha.commons.events.EventCodec;
import com.hirebuddha.commons.events.EventEnvelope;
import com.hirebuddha.commons.events.Topics;
import tools.jackson.databind.JsonNode;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Lets a run's reservation go when the run ends ({@code execution.events}: its final
 * event). Idempotent: a redelivery deletes nothing more. (A tenant's plan token budget
 * arrives with {@code tenant.events}, in the accounts' listener.)
 */
@Component
class BudgetListeners {

	private static final String PROGRESS = "hirebuddha.execution.progress.v1";

	private final EventCodec codec;

	private final Reservations reservations;

	BudgetListeners(EventCodec codec, Reservations reservations) {
		this.codec = codec;
		this.reservations = reservations;
	}

	@KafkaListener(id = "billing-service.run-ends", topics = Topics.EXECUTION_EVENTS)
	void onProgress(String value) {
		// most progress events are text; only a run's last one matters here
		if (!value.contains("final_result") && !value.contains("\"error\"") && !value.contains("CANCELLED")) {
			return;
		}
		EventEnvelope envelope = this.codec.read(value);
		if (!PROGRESS.equals(envelope.type())) {
			return;
		}
		JsonNode data = envelope.data();
		String event = data.path("event").asString();
		boolean last = "final_result".equals(event) || "error".equals(event)
				|| ("status".equals(event) && "CANCELLED".equals(data.path("status").asString()));
		if (last && data.hasNonNull("executionId")) {
			this.reservations.release(UUID.fromString(data.path("executionId").asString()));
		}
	}

}
