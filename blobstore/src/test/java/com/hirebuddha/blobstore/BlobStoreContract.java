package com.hirebuddha.blobstore;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What every backend does the same: the code above a {@link BlobStore} cannot tell them
 * apart.
 */
abstract class BlobStoreContract {

	@TempDir
	Path files;

	abstract BlobStore store();

	@Test
	void aBlobIsStoredReadReplacedAndDeleted() throws Exception {
		BlobStore store = store();
		BlobKey key = BlobKey.of(UUID.randomUUID(), "documents", UUID.randomUUID().toString());
		assertThat(store.open(key)).isEmpty();

		store.put(key, file("first version"), "text/plain");
		assertThat(read(store.open(key))).isEqualTo("first version");
		store.put(key, file("second version"), "text/plain");
		assertThat(read(store.open(key))).isEqualTo("second version");

		store.delete(key);
		assertThat(store.open(key)).isEmpty();
		store.delete(key);
	}

	@Test
	void tenantsHaveTheirOwnPrefixesAndKeysCannotClimbOutOfThem() throws Exception {
		BlobStore store = store();
		UUID tenant = UUID.randomUUID();
		UUID other = UUID.randomUUID();
		BlobKey mine = BlobKey.of(tenant, "documents", "same-name");
		BlobKey theirs = BlobKey.of(other, "documents", "same-name");
		store.put(mine, file("mine"), "text/plain");
		store.put(theirs, file("theirs"), "text/plain");
		assertThat(read(store.open(mine))).isEqualTo("mine");
		assertThat(read(store.open(theirs))).isEqualTo("theirs");
		assertThat(mine.tenantId()).isEqualTo(tenant);

		assertThatIllegalArgumentException().isThrownBy(() -> BlobKey.of(tenant, "documents", "..", "x"));
		assertThatIllegalArgumentException().isThrownBy(() -> BlobKey.of(tenant, "documents", "a/../../b"));
		assertThatIllegalArgumentException().isThrownBy(() -> new BlobKey("tenants/not-a-uuid/documents/x"));
		assertThatIllegalArgumentException().isThrownBy(() -> new BlobKey("elsewhere/" + tenant + "/documents/x"));
	}

	Path file(String content) throws Exception {
		Path file = Files.createTempFile(this.files, "blob-", ".txt");
		Files.writeString(file, content);
		return file;
	}

	static String read(Optional<InputStream> blob) throws Exception {
		assertThat(blob).isPresent();
		try (InputStream in = blob.get()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
