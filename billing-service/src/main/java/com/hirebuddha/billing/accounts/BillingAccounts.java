package com.hirebuddha.billing.accounts;

import java.util.Optional;
import java.util.UUID;

import com.hirebuddha.commons.inbox.Inbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens and reads billing accounts. Opening is idempotent twice over: by event id (the
 * inbox) and by tenant id (the primary key), so neither a redelivery nor a replayed topic
 * opens a second one.
 */
@Service
public class BillingAccounts {

	static final String CONSUMER = "billing-accounts";

	private final JdbcClient jdbc;

	private final Inbox inbox;

	BillingAccounts(JdbcClient jdbc, Inbox inbox) {
		this.jdbc = jdbc;
		this.inbox = inbox;
	}

	/**
	 * Opens the account of a newly created tenant, once.
	 * @param eventId the id of the announcing event
	 * @param tenant the new tenant
	 * @return whether this call opened the account
	 */
	@Transactional
	public boolean open(UUID eventId, TenantCreated tenant) {
		if (!this.inbox.firstDelivery(CONSUMER, eventId)) {
			return false;
		}
		return this.jdbc.sql("""
				insert into billing_account (tenant_id, tenant_name, source_event_id)
				values (:tenantId, :name, :eventId) on conflict (tenant_id) do nothing
				""")
			.param("tenantId", tenant.tenantId())
			.param("name", tenant.name())
			.param("eventId", eventId)
			.update() == 1;
	}

	/**
	 * Finds a tenant's account.
	 * @param tenantId the tenant
	 * @return the account, if it has been opened
	 */
	@Transactional(readOnly = true)
	public Optional<BillingAccountView> find(UUID tenantId) {
		return this.jdbc.sql("""
				select tenant_id, tenant_name, currency, opened_at from billing_account where tenant_id = :tenantId
				""").param("tenantId", tenantId).query(BillingAccountView.class).optional();
	}

}
