package com.hirebuddha.tenant.tenants;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What it takes to create a tenant.
 *
 * @param name the tenant's display name
 */
public record CreateTenantRequest(@NotBlank @Size(max = 200) String name) {
}
