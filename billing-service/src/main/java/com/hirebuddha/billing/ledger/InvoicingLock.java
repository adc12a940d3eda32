package com.hirebuddha.billing.ledger;

import java.util.Collection;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The per-tenant lock that keeps ledger writes and invoicing apart, for the surrounding
 * transaction: writers share it, issuing an invoice takes it alone, so an invoice's
 * watermark (the highest row id it saw) never passes a row that is still being written.
 */
public final class InvoicingLock {

	private static final String KEY = "hashtext('invoice:' || %s)";

	private InvoicingLock() {
	}

	/**
	 * Shares the lock of every tenant a write touches.
	 * @param jdbc the database
	 * @param tenants the tenants
	 */
	static void shared(JdbcClient jdbc, Collection<UUID> tenants) {
		jdbc.sql("select count(pg_advisory_xact_lock_shared(" + KEY.formatted("t") + ")) "
				+ "from (select distinct unnest(cast(:tenants as text[])) as t) tenants")
			.param("tenants", tenants.stream().map(UUID::toString).toArray(String[]::new))
			.query(Long.class)
			.single();
	}

	/**
	 * Takes a tenant's lock alone: its ledger writes in flight end first, new ones wait.
	 * @param jdbc the database
	 * @param tenant the tenant
	 */
	public static void exclusive(JdbcClient jdbc, UUID tenant) {
		jdbc.sql("select pg_advisory_xact_lock(" + KEY.formatted(":tenant") + ")")
			.param("tenant", tenant.toString())
			.query()
			.singleRow();
	}

}
