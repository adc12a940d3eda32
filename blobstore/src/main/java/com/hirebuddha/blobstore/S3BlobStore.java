package com.hirebuddha.blobstore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Blobs as objects in one bucket of an S3-compatible store, through the AWS SDK v2: a key
 * is an object key. S3 makes a put visible only when it is complete. The SDK's failures
 * surface as {@link IOException}s, as the filesystem's do.
 */
public class S3BlobStore implements BlobStore {

	private final S3Client s3;

	private final String bucket;

	/**
	 * A store over a client and a bucket.
	 * @param s3 the client (its timeouts and endpoint set by the caller)
	 * @param bucket the bucket
	 */
	public S3BlobStore(S3Client s3, String bucket) {
		this.s3 = s3;
		this.bucket = bucket;
	}

	/**
	 * Creates the bucket if it is missing, so a fresh store works at once.
	 * @throws IOException if the store cannot be reached or refuses
	 */
	public void ensureBucket() throws IOException {
		try {
			this.s3.headBucket((head) -> head.bucket(this.bucket));
		}
		catch (NoSuchBucketException ex) {
			try {
				this.s3.createBucket((create) -> create.bucket(this.bucket));
			}
			catch (BucketAlreadyOwnedByYouException raced) {
				// another instance created it first
			}
			catch (SdkException failed) {
				throw new IOException("could not create bucket " + this.bucket, failed);
			}
		}
		catch (S3Exception ex) {
			if (ex.statusCode() != 404) {
				throw new IOException("could not reach bucket " + this.bucket, ex);
			}
			try {
				this.s3.createBucket((create) -> create.bucket(this.bucket));
			}
			catch (SdkException failed) {
				throw new IOException("could not create bucket " + this.bucket, failed);
			}
		}
		catch (SdkException ex) {
			throw new IOException("could not reach bucket " + this.bucket, ex);
		}
	}

	@Override
	public void put(BlobKey key, Path file, String contentType) throws IOException {
		try {
			this.s3.putObject((put) -> put.bucket(this.bucket).key(key.value()).contentType(contentType),
					RequestBody.fromFile(file));
		}
		catch (SdkException ex) {
			throw new IOException("could not store blob " + key, ex);
		}
	}

	@Override
	public Optional<InputStream> open(BlobKey key) throws IOException {
		try {
			return Optional.of(this.s3.getObject((get) -> get.bucket(this.bucket).key(key.value())));
		}
		catch (NoSuchKeyException ex) {
			return Optional.empty();
		}
		catch (SdkException ex) {
			throw new IOException("could not read blob " + key, ex);
		}
	}

	@Override
	public void delete(BlobKey key) throws IOException {
		try {
			this.s3.deleteObject((delete) -> delete.bucket(this.bucket).key(key.value()));
		}
		catch (SdkException ex) {
			throw new IOException("could not delete blob " + key, ex);
		}
	}

	@Override
	public String backend() {
		return "s3";
	}

}
