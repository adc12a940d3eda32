package com.hirebuddha.worker.engine;

/**
 * Statuses of a run and of its nodes.
 */
final class RunStatus {

	static final String QUEUED = "QUEUED";

	static final String RUNNING = "RUNNING";

	static final String SUCCEEDED = "SUCCEEDED";

	static final String FAILED = "FAILED";

	static final String CANCELLED = "CANCELLED";

	static final String SKIPPED = "SKIPPED";

	private RunStatus() {
	}

	static boolean nodeDone(String status) {
		return SUCCEEDED.equals(status) || FAILED.equals(status) || SKIPPED.equals(status);
	}

}
