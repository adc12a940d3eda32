package com.hirebuddha.ingestion.tenants;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What ingestion knows of each tenant, as tenant-service last announced it: its partner
 * and its plan limit {@code storageMb}. Tenant-service owns both; this is a copy kept
 * from the compacted {@code tenant.events}, so an upload is judged without a call to
 * another service.
 */
@Service
public class TenantProfiles {

	private final JdbcClient jdbc;

	TenantProfiles(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A tenant's limit.
	 * @param tenantId the tenant
	 * @return its limit in MB, empty if it has none
	 */
	@Transactional(readOnly = true)
	public Optional<Integer> limitMb(UUID tenantId) {
		return this.jdbc
			.sql("select storage_mb from tenant_profile where tenant_id = :tenant and storage_mb is not null")
			.param("tenant", tenantId)
			.query(Integer.class)
			.optional();
	}

	/**
	 * A tenant's partner.
	 * @param tenantId the tenant
	 * @return its partner, empty for a direct tenant or one not learnt yet
	 */
	@Transactional(readOnly = true)
	public Optional<UUID> partner(UUID tenantId) {
		return this.jdbc
			.sql("select partner_id from tenant_profile where tenant_id = :tenant and partner_id is not null")
			.param("tenant", tenantId)
			.query(UUID.class)
			.optional();
	}

	/**
	 * Records what an event says, unless a later event already said otherwise.
	 * @param tenantId the tenant
	 * @param partnerId its partner, null for none
	 * @param storageMb its limit, null for none or when the event does not say
	 * @param at when the event says it changed
	 */
	@Transactional
	void learn(UUID tenantId, @Nullable UUID partnerId, @Nullable Integer storageMb, Instant at) {
		this.jdbc.sql("""
				insert into tenant_profile (tenant_id, partner_id, storage_mb, updated_at)
				values (:tenant, :partner, :mb, :at)
				on conflict (tenant_id) do update
				set partner_id = excluded.partner_id, storage_mb = excluded.storage_mb, updated_at = excluded.updated_at
				where tenant_profile.updated_at <= excluded.updated_at
				""")
			.param("tenant", tenantId)
			.param("partner", partnerId)
			.param("mb", storageMb)
			.param("at", Timestamp.from(at))
			.update();
	}

}
