/**
 * Embeddings: the models a knowledge base's chunks and queries are embedded with, run in
 * this process off the request threads, and the {@code usage.recorded} every embedding
 * call emits.
 */
@NullMarked
package com.hirebuddha.ingestion.embedding;

import org.jspecify.annotations.NullMarked;
