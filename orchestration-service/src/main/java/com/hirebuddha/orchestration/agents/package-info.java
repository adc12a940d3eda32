/**
 * Agents: a persona (system prompt) bound to a model, owned by a tenant; every change is
 * a new immutable version, and executions pin the version they ran.
 */
@NullMarked
package com.hirebuddha.orchestration.agents;

import org.jspecify.annotations.NullMarked;
