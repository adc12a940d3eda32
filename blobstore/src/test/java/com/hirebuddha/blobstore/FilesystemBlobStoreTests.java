package com.hirebuddha.blobstore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default backend: files under a root directory.
 */
class FilesystemBlobStoreTests extends BlobStoreContract {

	@TempDir
	Path root;

	private FilesystemBlobStore store;

	@BeforeEach
	void open() throws Exception {
		this.store = new FilesystemBlobStore(this.root);
	}

	@Override
	BlobStore store() {
		return this.store;
	}

	@Test
	void aBlobIsAFileUnderItsTenantsDirectoryAndNoPartialFileIsLeft() throws Exception {
		UUID tenant = UUID.randomUUID();
		BlobKey key = BlobKey.of(tenant, "artifacts", "report.pdf");
		this.store.put(key, file("report"), "application/pdf");
		assertThat(this.root.resolve("tenants").resolve(tenant.toString()).resolve("artifacts/report.pdf"))
			.hasContent("report");
		try (var listing = Files.list(this.root.resolve("tenants").resolve(tenant.toString()).resolve("artifacts"))) {
			assertThat(listing.map((path) -> path.getFileName().toString())).containsExactly("report.pdf");
		}
	}

	@Test
	void theAutoConfigurationPicksTheBackendTheSettingNames() {
		BlobStoreProperties filesystem = new BlobStoreProperties("filesystem",
				new BlobStoreProperties.Filesystem(this.root), s3Defaults());
		assertThat(new BlobStoreAutoConfiguration().blobStore(filesystem).backend()).isEqualTo("filesystem");
		BlobStoreProperties unknown = new BlobStoreProperties("tape", new BlobStoreProperties.Filesystem(this.root),
				s3Defaults());
		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> new BlobStoreAutoConfiguration().blobStore(unknown))
			.withMessageContaining("filesystem or s3");
	}

	private static BlobStoreProperties.S3 s3Defaults() {
		return new BlobStoreProperties.S3(null, "us-east-1", "hirebuddha", null, null, true,
				java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(60));
	}

}
