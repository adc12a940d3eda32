package com.hirebuddha.tenant.tenants;

/**
 * Where a tenant is in its lifecycle.
 */
public enum TenantStatus {

	/** Its users and keys work. */
	ACTIVE,

	/** Blocked at the gateway until reactivated. */
	SUSPENDED,

	/** Gone for good. */
	CLOSED

}
