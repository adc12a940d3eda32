package com.hirebuddha.tenant.tenants;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A tenant as the API shows it.
 *
 * @param id the tenant id
 * @param name the display name
 * @param partnerId the partner it belongs to, or null for the platform's own
 * @param subdomain its unique subdomain, if chosen
 * @param status the lifecycle status
 * @param statusReason why it is not active, if it is not
 * @param limits plan limits
 * @param defaultModel the model agents use unless they say otherwise
 * @param createdAt when it was created
 */
public record TenantView(UUID id, String name, @Nullable UUID partnerId, @Nullable String subdomain,
		TenantStatus status, @Nullable String statusReason, Limits limits, @Nullable String defaultModel,
		Instant createdAt) {
}
