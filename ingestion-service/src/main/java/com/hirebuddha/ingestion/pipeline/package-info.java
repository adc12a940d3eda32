/**
 * The pipeline that takes a document from {@code UPLOADED} to {@code READY} or
 * {@code FAILED}: leased claims fair across tenants, bounded extraction, chunking,
 * embedding that resumes where it stopped, and the watchdog that lets nothing stay in
 * progress for ever.
 */
@NullMarked
package com.hirebuddha.ingestion.pipeline;

import org.jspecify.annotations.NullMarked;
