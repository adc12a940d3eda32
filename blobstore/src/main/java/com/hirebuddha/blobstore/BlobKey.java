package com.hirebuddha.blobstore;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A blob's key: {@code tenants/<tenant>/<area>/<name>}. Built only from a tenant id and
 * names that cannot climb out of their prefix, so one tenant's key can never name
 * another's blob, on a filesystem or in a bucket.
 *
 * @param value the key as stored
 */
public record BlobKey(String value) {

	private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

	public BlobKey {
		Objects.requireNonNull(value, "value");
		String[] parts = value.split("/", -1);
		if (parts.length < 4 || !"tenants".equals(parts[0])) {
			throw new IllegalArgumentException("a blob key is tenants/<tenant>/<area>/<name>: " + value);
		}
		UUID.fromString(parts[1]);
		for (int i = 2; i < parts.length; i++) {
			if (!SEGMENT.matcher(parts[i]).matches() || parts[i].contains("..")) {
				throw new IllegalArgumentException("unsafe blob key segment: " + parts[i]);
			}
		}
	}

	/**
	 * The key of a tenant's blob.
	 * @param tenantId the owner
	 * @param area what kind of blob, for example {@code documents} or {@code artifacts}
	 * @param names the rest of the path, each a plain name
	 * @return the key
	 */
	public static BlobKey of(UUID tenantId, String area, String... names) {
		StringBuilder key = new StringBuilder("tenants/").append(tenantId).append('/').append(area);
		for (String name : names) {
			key.append('/').append(name);
		}
		return new BlobKey(key.toString());
	}

	/**
	 * The tenant that owns the blob.
	 * @return its id
	 */
	public UUID tenantId() {
		return UUID.fromString(this.value.split("/", 3)[1]);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
