package com.hirebuddha.tenant.tenants;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Why a tenant or partner is suspended, closed or reactivated.
 *
 * @param reason shown to admins and carried on {@code tenant.events}
 * @param reasonCode the kind of reason; {@code MANUAL} unless given
 */
public record StatusRequest(@NotBlank @Size(max = 500) String reason, @Nullable ReasonCode reasonCode) {

	ReasonCode code(ReasonCode fallback) {
		return (this.reasonCode != null) ? this.reasonCode : fallback;
	}

}
