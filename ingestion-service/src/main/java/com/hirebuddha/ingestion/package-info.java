/**
 * The ingestion-service: knowledge bases: documents, chunks, embeddings and hybrid
 * search.
 */
@NullMarked
package com.hirebuddha.ingestion;

import org.jspecify.annotations.NullMarked;
