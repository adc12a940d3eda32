/**
 * The worker-service: runs executions against model providers; owns the model catalog and
 * provider credentials.
 */
@NullMarked
package com.hirebuddha.worker;

import org.jspecify.annotations.NullMarked;
