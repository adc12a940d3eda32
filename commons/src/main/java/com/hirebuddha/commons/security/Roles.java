package com.hirebuddha.commons.security;

/**
 * The platform's roles, as they appear in the {@code roles} claim; Spring Security sees
 * them as {@code ROLE_<name>} authorities.
 */
public final class Roles {

	/** Runs the platform: partners, model catalog, system rate cards, suspensions. */
	public static final String PLATFORM_ADMIN = "PLATFORM_ADMIN";

	/** Runs one partner (reseller): its tenants, prices and earnings. */
	public static final String PARTNER_ADMIN = "PARTNER_ADMIN";

	/** Runs one tenant: agents, workflows, knowledge, keys, bills, users. */
	public static final String TENANT_ADMIN = "TENANT_ADMIN";

	/** Uses one tenant's agents and workflows. */
	public static final String TENANT_MEMBER = "TENANT_MEMBER";

	private Roles() {
	}

}
