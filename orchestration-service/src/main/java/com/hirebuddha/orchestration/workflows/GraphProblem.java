package com.hirebuddha.orchestration.workflows;

import org.jspecify.annotations.Nullable;

/**
 * One reason a graph is refused, naming the node (or edge) at fault.
 *
 * @param node the node's id, or null for a problem of the whole graph
 * @param message what is wrong
 */
public record GraphProblem(@Nullable String node, String message) {
}
