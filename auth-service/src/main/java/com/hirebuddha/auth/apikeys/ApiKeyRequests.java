package com.hirebuddha.auth.apikeys;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The shapes of the API-key endpoints.
 */
final class ApiKeyRequests {

	private ApiKeyRequests() {
	}

	record Create(@NotBlank @Size(max = 200) String name, @NotNull @Size(min = 1, max = 20) List<String> scopes,
			@Nullable Instant expiresAt, @Nullable @Min(1) @Max(100_000) Integer rateLimitPerMinute) {
	}

	/**
	 * Whose a key is, for a service that must resolve a key id a request names (billing's
	 * key budgets).
	 *
	 * @param id the key
	 * @param tenantId the tenant it belongs to, if any
	 * @param partnerId the partner it belongs to, if any
	 */
	record Owner(UUID id, @Nullable UUID tenantId, @Nullable UUID partnerId) {
	}

	record View(UUID id, String name, String prefix, List<String> scopes, @Nullable Instant expiresAt,
			@Nullable Integer rateLimitPerMinute, Instant createdAt, @Nullable Instant lastUsedAt) {
	}

	record Created(UUID id, String name, String prefix, String key, List<String> scopes, @Nullable Instant expiresAt,
			@Nullable Integer rateLimitPerMinute, Instant createdAt, @Nullable Instant lastUsedAt) {
	}

	record Exchanged(String accessToken, long expiresIn, String prefix, @Nullable UUID tenantId,
			@Nullable Integer rateLimitPerMinute) {
	}

}
