package com.hirebuddha.orchestration.workflows;

import java.time.Instant;
import java.util.UUID;

/**
 * A workflow as the API shows it.
 *
 * @param id the workflow
 * @param name display name
 * @param graph its nodes and edges
 * @param version how many times it was saved
 * @param createdAt when it was created
 * @param updatedAt when it was last saved
 */
public record WorkflowView(UUID id, String name, WorkflowGraph graph, int version, Instant createdAt,
		Instant updatedAt) {
}
