/**
 * What ingestion knows of each tenant (partner, storage limit), learnt from
 * {@code tenant.events}.
 */
@NullMarked
package com.hirebuddha.ingestion.tenants;

import org.jspecify.annotations.NullMarked;
