package com.hirebuddha.orchestration.executions;

import java.util.Set;

/**
 * The statuses of an execution; the last three are final.
 */
final class ExecutionStatus {

	static final String PENDING = "PENDING";

	static final String RUNNING = "RUNNING";

	static final String SUCCEEDED = "SUCCEEDED";

	static final String FAILED = "FAILED";

	static final String CANCELLED = "CANCELLED";

	private static final Set<String> FINAL = Set.of(SUCCEEDED, FAILED, CANCELLED);

	private ExecutionStatus() {
	}

	static boolean isFinal(String status) {
		return FINAL.contains(status);
	}

}
