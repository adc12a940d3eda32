package com.hirebuddha.orchestration;

import java.util.UUID;

import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.web.ApiException;

/**
 * Agents and workflows belong to a tenant: the caller's tenant, from its token, is the
 * only one it works in.
 */
public final class TenantCaller {

	private TenantCaller() {
	}

	/**
	 * The caller's tenant, after checking the scope an API key needs.
	 * @param caller the validated caller
	 * @param scope the scope API keys need for this call
	 * @return the tenant id
	 * @throws ApiException 403 for callers without a tenant or keys without the scope
	 */
	public static UUID tenantOf(Caller caller, String scope) {
		caller.requireScope(scope);
		if (caller.tenantId() == null) {
			throw ApiException.forbidden("no-tenant", "Agents and workflows belong to a tenant; sign in as one.");
		}
		return caller.tenantId();
	}

}
