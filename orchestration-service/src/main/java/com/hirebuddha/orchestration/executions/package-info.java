/**
 * Executions: accepted at once, run by the worker fleet, followed as server-sent events.
 */
@NullMarked
package com.hirebuddha.orchestration.executions;

import org.jspecify.annotations.NullMarked;
