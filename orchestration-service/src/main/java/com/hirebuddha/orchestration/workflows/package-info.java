/**
 * Workflows: DAGs of agent, condition, template, http and retrieval nodes, validated
 * before they are stored or run.
 */
@NullMarked
package com.hirebuddha.orchestration.workflows;

import org.jspecify.annotations.NullMarked;
