package com.hirebuddha.billing.accounts;

import java.util.UUID;

/**
 * The part of tenant-service's {@code hirebuddha.tenant.created.v1} payload billing
 * reads. Its own record, not a shared type: unknown fields are ignored, so the producer
 * can grow the event.
 *
 * @param tenantId the new tenant
 * @param name its display name
 */
record TenantCreated(UUID tenantId, String name) {

	static final String TYPE = "hirebuddha.tenant.created.v1";

}
