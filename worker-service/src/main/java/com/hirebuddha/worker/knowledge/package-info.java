/**
 * Knowledge for runs: searching a tenant's knowledge bases in ingestion-service with a
 * short-lived token auth-service issues for that tenant (ADR 0012).
 */
@NullMarked
package com.hirebuddha.worker.knowledge;

import org.jspecify.annotations.NullMarked;
