package com.hirebuddha.auth.accounts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What the account endpoints answer.
 */
final class Views {

	private Views() {
	}

	record Registered(UUID userId, UUID tenantId) {
	}

	record Me(UUID userId, String email, String name, @Nullable UUID tenantId, @Nullable UUID partnerId,
			List<String> roles, boolean emailVerified) {
	}

	record Invitation(UUID id, String email, String role, Instant expiresAt) {
	}

}
