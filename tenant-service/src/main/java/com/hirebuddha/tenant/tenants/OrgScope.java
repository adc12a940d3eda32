package com.hirebuddha.tenant.tenants;

import java.util.UUID;

import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.security.Roles;
import org.jspecify.annotations.Nullable;

/**
 * What part of the organization tree a caller sees, from its validated token only.
 *
 * @param platform the platform (admins and platform services) sees everything
 * @param partnerId a partner admin sees the partner's tenants
 * @param tenantId a tenant's users see their tenant
 * @param managesTenants whether the caller may suspend, reactivate and set limits of what
 * it sees (platform and partner admins)
 * @param actor who acts, for the audit trail
 */
public record OrgScope(boolean platform, @Nullable UUID partnerId, @Nullable UUID tenantId, boolean managesTenants,
		String actor) {

	/**
	 * The scope of a caller.
	 * @param caller the validated caller
	 * @return its scope
	 */
	public static OrgScope of(Caller caller) {
		boolean platform = caller.hasRole(Roles.PLATFORM_ADMIN);
		boolean partnerAdmin = caller.hasRole(Roles.PARTNER_ADMIN) && caller.partnerId() != null;
		return new OrgScope(platform, partnerAdmin ? caller.partnerId() : null, caller.tenantId(),
				platform || partnerAdmin, caller.subject());
	}

	boolean isTenantAdmin(UUID tenant, Caller caller) {
		return tenant.equals(this.tenantId) && caller.hasRole(Roles.TENANT_ADMIN);
	}

}
