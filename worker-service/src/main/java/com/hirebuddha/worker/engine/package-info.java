/**
 * The execution engine: takes runs from {@code execution.requested}, runs their nodes in
 * parallel on virtual threads, and survives its own death through leases.
 */
@NullMarked
package com.hirebuddha.worker.engine;

import org.jspecify.annotations.NullMarked;
