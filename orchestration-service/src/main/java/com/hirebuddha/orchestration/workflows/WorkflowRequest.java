package com.hirebuddha.orchestration.workflows;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What a workflow is: the body of create and update.
 *
 * @param name display name
 * @param graph its nodes and edges
 */
public record WorkflowRequest(@NotBlank @Size(max = 200) String name, @NotNull WorkflowGraph graph) {
}
