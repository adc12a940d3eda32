/**
 * The orchestration-service: agents, workflows, conversations and executions; streams
 * runs to clients.
 */
@NullMarked
package com.hirebuddha.orchestration;

import org.jspecify.annotations.NullMarked;
