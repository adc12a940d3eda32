/**
 * Blobs: files the platform keeps for a tenant (uploaded documents, run artifacts), in an
 * S3-compatible object store or on the local filesystem, behind one {@link BlobStore}.
 */
@NullMarked
package com.hirebuddha.blobstore;

import org.jspecify.annotations.NullMarked;
