/**
 * Knowledge bases: a tenant's named collections of documents, with the chunking settings
 * and the embedding model their documents are indexed with.
 */
@NullMarked
package com.hirebuddha.ingestion.knowledgebases;

import org.jspecify.annotations.NullMarked;
