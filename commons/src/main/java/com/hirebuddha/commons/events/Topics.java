package com.hirebuddha.commons.events;

import java.util.List;

/**
 * The Kafka topics of the platform (SPEC.md, "Events"), each with a dead-letter twin.
 */
public final class Topics {

	/** Organization lifecycle; compacted, keyed by tenant id. */
	public static final String TENANT_EVENTS = "tenant.events";

	/** Account events for the notification service. */
	public static final String AUTH_EVENTS = "auth.events";

	/** Work for the worker fleet, keyed by execution id. */
	public static final String EXECUTION_REQUESTED = "execution.requested";

	/** Progress of executions, keyed by execution id. */
	public static final String EXECUTION_EVENTS = "execution.events";

	/** One event per metered provider call, keyed by tenant id. */
	public static final String USAGE_RECORDED = "usage.recorded";

	/** Invoices, budgets and dunning. */
	public static final String BILLING_EVENTS = "billing.events";

	/** Knowledge-base document lifecycle. */
	public static final String DOCUMENT_EVENTS = "document.events";

	/** Every topic, in the order SPEC.md lists them. */
	public static final List<String> ALL = List.of(TENANT_EVENTS, AUTH_EVENTS, EXECUTION_REQUESTED, EXECUTION_EVENTS,
			USAGE_RECORDED, BILLING_EVENTS, DOCUMENT_EVENTS);

	/** Topics whose latest value per key is the state, so Kafka keeps only that. */
	public static final List<String> COMPACTED = List.of(TENANT_EVENTS);

	private Topics() {
	}

	/**
	 * The dead-letter topic of a topic.
	 * @param topic the topic a poison message came from
	 * @return where it is parked
	 */
	public static String deadLetter(String topic) {
		return topic + ".dlt";
	}

}
