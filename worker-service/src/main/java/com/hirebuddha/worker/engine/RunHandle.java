package com.hirebuddha.worker.engine;

import java.time.Duration;

/**
 * What a node's runner may know of the run it belongs to: the request, the claim its
 * writes are made under, the run's live output budget, and whether there is time for a
 * retry. A narrow view, so a node never reaches back into the run that started it.
 */
interface RunHandle {

	/**
	 * The run as it was requested.
	 * @return the request
	 */
	RunRequest request();

	/**
	 * The claim this worker holds the run by; writes under a lost claim change nothing.
	 * @return the claim
	 */
	Runs.Claim claim();

	/**
	 * What the run holds of text, its nodes' outputs and what they are making now.
	 * @return the run's meter
	 */
	OutputLimits.RunMeter held();

	/**
	 * Whether waiting this long still ends before the run's deadline, and the run is not
	 * being cancelled.
	 * @param wait the wait before another attempt
	 * @return true if there is time
	 */
	boolean hasTimeFor(Duration wait);

}
