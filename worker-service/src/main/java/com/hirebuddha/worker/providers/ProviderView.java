package com.hirebuddha.worker.providers;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A tenant's provider setting as the API shows it: never the key.
 *
 * @param provider the provider id
 * @param configured whether the tenant set its own key
 * @param baseUrl the base URL, if set
 * @param updatedAt when it was last set
 */
public record ProviderView(String provider, boolean configured, @Nullable String baseUrl, Instant updatedAt) {
}
