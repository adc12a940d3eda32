/**
 * Documents: uploads accepted at once (type from the content, size and storage limits,
 * the malware scan), their originals in the blob store, their status and progress through
 * the pipeline, and the {@code document.events} each change of status publishes.
 */
@NullMarked
package com.hirebuddha.ingestion.documents;

import org.jspecify.annotations.NullMarked;
