package com.hirebuddha.blobstore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where blobs live. Keys come from {@link BlobKey}, so each tenant's blobs sit under its
 * own prefix; the backend (filesystem or S3, {@code hb.blobs.backend}) is a setting, and
 * the code above it is the same for both.
 */
public interface BlobStore {

	/**
	 * Stores a file's bytes under a key, replacing what the key held. The blob is visible
	 * only once it is complete: a crash mid-write leaves the key as it was.
	 * @param key where
	 * @param file the bytes, read from the start
	 * @param contentType the media type to record with it
	 * @throws IOException if the store refuses or cannot be reached
	 */
	void put(BlobKey key, Path file, String contentType) throws IOException;

	/**
	 * Opens a blob for reading.
	 * @param key which
	 * @return its bytes (the caller closes the stream), empty if the key holds nothing
	 * @throws IOException if the store cannot be reached
	 */
	Optional<InputStream> open(BlobKey key) throws IOException;

	/**
	 * Removes a blob; removing one that is not there is not an error.
	 * @param key which
	 * @throws IOException if the store cannot be reached
	 */
	void delete(BlobKey key) throws IOException;

	/**
	 * Which backend this is, for logs and health: {@code filesystem} or {@code s3}.
	 * @return the backend's name
	 */
	String backend();

}
