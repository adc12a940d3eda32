package com.hirebuddha.blobstore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Blobs as files under one root directory: a key is a relative path. A blob is written to
 * a temporary file beside its place and moved there atomically, so a reader sees the old
 * blob or the whole new one, never half of one.
 */
public class FilesystemBlobStore implements BlobStore {

	private final Path root;

	/**
	 * A store under a directory, created if it is missing.
	 * @param root the directory
	 * @throws IOException if it cannot be created
	 */
	public FilesystemBlobStore(Path root) throws IOException {
		this.root = Files.createDirectories(root.toAbsolutePath().normalize());
	}

	@Override
	public void put(BlobKey key, Path file, String contentType) throws IOException {
		Path target = path(key);
		Files.createDirectories(target.getParent());
		Path partial = Files.createTempFile(target.getParent(), ".partial-", ".tmp");
		try {
			Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
			Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			Files.deleteIfExists(partial);
		}
	}

	@Override
	public Optional<InputStream> open(BlobKey key) throws IOException {
		try {
			return Optional.of(Files.newInputStream(path(key)));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
	}

	@Override
	public void delete(BlobKey key) throws IOException {
		Files.deleteIfExists(path(key));
	}

	@Override
	public String backend() {
		return "filesystem";
	}

	private Path path(BlobKey key) {
		Path path = this.root.resolve(key.value()).normalize();
		if (!path.startsWith(this.root)) {
			// BlobKey already refuses such keys; this is the second wall
			throw new IllegalArgumentException("blob key outside the store: " + key);
		}
		return path;
	}

}
