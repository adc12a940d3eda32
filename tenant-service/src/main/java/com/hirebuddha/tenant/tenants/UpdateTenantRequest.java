package com.hirebuddha.tenant.tenants;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A partial update of a tenant's settings: absent fields stay as they are. Plan limits
 * are set by the platform or the tenant's partner, not by the tenant.
 *
 * @param name the display name
 * @param subdomain lower-case letters, digits and inner hyphens, 1 to 63 characters,
 * unique
 * @param limits plan limits
 * @param defaultModel the model agents use unless they say otherwise
 */
public record UpdateTenantRequest(@Nullable @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*") String name,
		@Nullable @Pattern(regexp = "^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$",
				message = "must be 1-63 lower-case letters, digits or inner hyphens") String subdomain,
		@Nullable @Valid Limits limits, @Nullable @Size(min = 1, max = 200) String defaultModel) {
}
