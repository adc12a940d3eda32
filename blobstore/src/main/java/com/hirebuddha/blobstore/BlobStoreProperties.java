package com.hirebuddha.blobstore;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where blobs are kept ({@code hb.blobs.*}).
 *
 * @param backend {@code filesystem} (the default) or {@code s3}
 * @param filesystem the filesystem backend's settings
 * @param s3 the S3 backend's settings
 */
@ConfigurationProperties("hb.blobs")
public record BlobStoreProperties(@DefaultValue("filesystem") String backend, @DefaultValue Filesystem filesystem,
		@DefaultValue S3 s3) {

	/**
	 * The filesystem backend.
	 *
	 * @param root the directory under which keys become paths
	 */
	public record Filesystem(@DefaultValue(".hb/blobs") Path root) {
	}

	/**
	 * An S3-compatible object store.
	 *
	 * @param endpoint the store's URL; empty for AWS itself
	 * @param region the region (any value for most S3-compatible servers)
	 * @param bucket the bucket, created at start if it is missing
	 * @param accessKey the access key id; empty for the SDK's default credential chain
	 * @param secretKey the secret access key
	 * @param pathStyle path-style addressing ({@code http://host/bucket/key}), which
	 * S3-compatible servers usually need
	 * @param connectTimeout connecting to the store
	 * @param callTimeout one whole call, retries included
	 */
	public record S3(@Nullable URI endpoint, @DefaultValue("us-east-1") String region,
			@DefaultValue("hirebuddha") String bucket, @Nullable String accessKey, @Nullable String secretKey,
			@DefaultValue("true") boolean pathStyle, @DefaultValue("2s") Duration connectTimeout,
			@DefaultValue("60s") Duration callTimeout) {
	}

}
