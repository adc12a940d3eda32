package com.hirebuddha.tenant.tenants;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Why a tenant is closed.
 *
 * @param reason shown to admins and carried on {@code tenant.events}
 */
public record CloseTenantRequest(@NotBlank @Size(max = 500) String reason) {
}
