/**
 * Search: vector (pgvector HNSW, cosine, iterative scans so a filter never starves the
 * answer), full text (the same words in any language) and both fused by Reciprocal Rank
 * Fusion, over one tenant's knowledge bases.
 */
@NullMarked
package com.hirebuddha.ingestion.search;

import org.jspecify.annotations.NullMarked;
