package com.hirebuddha.tenant.tenants;

import java.time.Instant;
import java.util.UUID;

/**
 * A tenant as the API shows it.
 *
 * @param id the tenant id
 * @param name the display name
 * @param status the lifecycle status
 * @param createdAt when it was created
 */
public record TenantView(UUID id, String name, TenantStatus status, Instant createdAt) {
}
