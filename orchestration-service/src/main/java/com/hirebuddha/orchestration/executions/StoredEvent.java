package com.hirebuddha.orchestration.executions;

import java.util.Set;
import java.util.UUID;

/**
 * One event of an execution as this service stored it; {@code id} is the SSE event id.
 *
 * @param id position in the execution's story, increasing
 * @param executionId the execution
 * @param type the SSE event name
 * @param data the JSON payload
 */
record StoredEvent(long id, UUID executionId, String type, String data) {

	private static final Set<String> LAST = Set.of("final_result", "error");

	/**
	 * Whether nothing follows this event.
	 * @return true for {@code final_result}, {@code error} and a final {@code status}
	 */
	boolean last() {
		return LAST.contains(this.type) || ("status".equals(this.type) && this.data.contains("\"CANCELLED\""));
	}

}
