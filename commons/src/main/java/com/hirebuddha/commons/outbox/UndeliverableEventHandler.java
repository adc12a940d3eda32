package com.hirebuddha.commons.outbox;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Ends what waited on an event the broker refused for good, so nothing accepted is left
 * pending forever: once the relay has parked an event, the handlers for its type run,
 * each in a transaction of its own, so one that fails leaves the event parked and the
 * relay going. Orchestration fails the run whose {@code execution.requested} could not be
 * delivered, say. A crash between the park and the handler leaves the aggregate to its
 * own deadline (a run's watchdog).
 */
public interface UndeliverableEventHandler {

	/**
	 * Whether this handler ends what an event of this type was for.
	 * @param type the event type
	 * @return true to be called for it
	 */
	boolean handles(String type);

	/**
	 * The event was parked: end its aggregate with a reason a user can see, idempotently.
	 * @param event the parked event
	 */
	void parked(ParkedEvent event);

	/**
	 * An event the relay parked.
	 *
	 * @param id the event id
	 * @param topic its topic
	 * @param key its record key (the aggregate id)
	 * @param type its type
	 * @param tenantId its tenant, if any
	 * @param reason why the broker refused it
	 */
	record ParkedEvent(UUID id, String topic, String key, String type, @Nullable UUID tenantId, String reason) {
	}

}
