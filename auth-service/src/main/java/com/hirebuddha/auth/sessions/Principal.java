package com.hirebuddha.auth.sessions;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Whom an access token is issued to.
 *
 * @param userId the user
 * @param role the user's role
 * @param tenantId the user's tenant, if any
 * @param partnerId the user's partner, if any
 */
public record Principal(UUID userId, String role, @Nullable UUID tenantId, @Nullable UUID partnerId) {
}
