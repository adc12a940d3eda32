package com.hirebuddha.ingestion.documents;

/**
 * Where a document is in the pipeline: {@code UPLOADED -> EXTRACTING -> CHUNKING ->
 * EMBEDDING -> READY}, or {@code FAILED} with a reason from any stage.
 */
public enum DocumentStatus {

	/** Accepted and stored; waiting for a pipeline worker. */
	UPLOADED,

	/** Its text is being extracted. */
	EXTRACTING,

	/** Its text is being cut into chunks. */
	CHUNKING,

	/** Its chunks are being embedded; progress counts them. */
	EMBEDDING,

	/** Searchable. */
	READY,

	/** Stopped, with the reason on the document. */
	FAILED;

	/**
	 * Whether the pipeline is done with a document in this status.
	 * @return true for {@code READY} and {@code FAILED}
	 */
	public boolean finished() {
		return this == READY || this == FAILED;
	}

}
