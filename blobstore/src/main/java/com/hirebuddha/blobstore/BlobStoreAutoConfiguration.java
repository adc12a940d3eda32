package com.hirebuddha.blobstore;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The {@link BlobStore} of a service that keeps files: the backend
 * {@code hb.blobs.backend} names, filesystem by default.
 */
@AutoConfiguration
@EnableConfigurationProperties(BlobStoreProperties.class)
public class BlobStoreAutoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(BlobStoreAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	BlobStore blobStore(BlobStoreProperties properties) {
		try {
			BlobStore store = switch (properties.backend()) {
				case "filesystem" -> new FilesystemBlobStore(properties.filesystem().root());
				case "s3" -> s3(properties.s3());
				default -> throw new IllegalStateException(
						"hb.blobs.backend must be filesystem or s3, not " + properties.backend());
			};
			log.info("Blobs are kept by the {} backend", store.backend());
			return store;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("the blob store could not be opened", ex);
		}
	}

	/**
	 * An S3 client for the settings: endpoint, region, static or default credentials,
	 * path-style addressing and both timeouts.
	 * @param settings the S3 settings
	 * @return the client
	 */
	public static S3Client client(BlobStoreProperties.S3 settings) {
		S3ClientBuilder builder = S3Client.builder()
			.region(Region.of(settings.region()))
			.forcePathStyle(settings.pathStyle())
			// checksums only where S3 requires them: the SDK's default (a CRC32 on every
			// request,
			// sent as a trailer) is what many S3-compatible servers do not implement yet
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
			.httpClient(UrlConnectionHttpClient.builder()
				.connectionTimeout(settings.connectTimeout())
				.socketTimeout(settings.callTimeout())
				.build())
			.overrideConfiguration((config) -> config.apiCallTimeout(settings.callTimeout()));
		if (settings.endpoint() != null) {
			builder.endpointOverride(settings.endpoint());
		}
		String accessKey = settings.accessKey();
		String secretKey = settings.secretKey();
		if (accessKey != null && !accessKey.isBlank() && secretKey != null) {
			builder.credentialsProvider(
					StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)));
		}
		else {
			builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
		}
		return builder.build();
	}

	private static S3BlobStore s3(BlobStoreProperties.S3 settings) throws IOException {
		S3BlobStore store = new S3BlobStore(client(settings), settings.bucket());
		store.ensureBucket();
		return store;
	}

}
