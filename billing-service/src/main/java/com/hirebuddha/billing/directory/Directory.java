package com.hirebuddha.billing.directory;

import java.util.Optional;
import java.util.UUID;

import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.security.Roles;
import com.hirebuddha.commons.web.ApiException;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Resolves the tenant and partner ids a request names in the caller's scope, the one way
 * every billing endpoint does it: a tenant names only itself, a partner admin only its
 * own tenants, the platform any tenant billing knows of (from {@code tenant.events}, or
 * from having billed it). Anything else answers 404, the same for an id that exists
 * elsewhere as for one that never did.
 */
@Service
public class Directory {

	private final JdbcClient jdbc;

	Directory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The tenant a request is about.
	 * @param caller who asks
	 * @param requested the tenant the request names, if any
	 * @param scopes the API-key scopes a tenant's key needs
	 * @return the tenant, or empty when a partner or the platform named none (all of its
	 * scope)
	 * @throws ApiException 404 when the caller may not see the tenant
	 */
	@Transactional(readOnly = true)
	public Optional<UUID> tenant(Caller caller, @Nullable UUID requested, String... scopes) {
		boolean platform = caller.hasRole(Roles.PLATFORM_ADMIN);
		boolean partner = caller.hasRole(Roles.PARTNER_ADMIN) && caller.partnerId() != null;
		if (!platform && !partner) {
			UUID own = caller.requireTenant(scopes);
			if (requested != null && !requested.equals(own)) {
				throw ApiException.notFound("tenant", requested);
			}
			return Optional.of(own);
		}
		if (requested == null) {
			return Optional.empty();
		}
		// known from tenant.events, or from having billed it; row-level security limits a
		// partner admin to its own tenants' rows besides
		String mine = platform ? "" : " and partner_id = :partner";
		boolean known = this.jdbc
			.sql("select exists (select 1 from tenant_directory where tenant_id = :tenant" + mine
					+ ") or exists (select 1 from ledger_balance where tenant_id = :tenant" + mine + ")")
			.param("tenant", requested)
			.param("partner", caller.partnerId())
			.query(Boolean.class)
			.single();
		if (!known) {
			throw ApiException.notFound("tenant", requested);
		}
		return Optional.of(requested);
	}

	/**
	 * The partner a request is about.
	 * @param caller who asks
	 * @param requested the partner the request names
	 * @return the partner
	 * @throws ApiException 404 unless the caller is that partner's admin or the platform
	 * and billing knows the partner
	 */
	@Transactional(readOnly = true)
	public UUID partner(Caller caller, UUID requested) {
		boolean own = caller.hasRole(Roles.PARTNER_ADMIN) && requested.equals(caller.partnerId());
		if (!own && !caller.hasRole(Roles.PLATFORM_ADMIN)) {
			throw ApiException.notFound("partner", requested);
		}
		boolean known = this.jdbc.sql("""
				select exists (select 1 from partner_directory where partner_id = :partner)
				    or exists (select 1 from ledger_balance where partner_id = :partner)""")
			.param("partner", requested)
			.query(Boolean.class)
			.single();
		if (!known && !own) {
			throw ApiException.notFound("partner", requested);
		}
		return requested;
	}

	/**
	 * The partner a tenant belongs to, as billing knows it.
	 * @param tenantId the tenant
	 * @return its partner, or empty for the platform's own tenants
	 */
	@Transactional(readOnly = true)
	public Optional<UUID> partnerOf(UUID tenantId) {
		return this.jdbc.sql("""
				select coalesce((select partner_id from tenant_directory where tenant_id = :tenant),
				                (select partner_id from ledger_balance where tenant_id = :tenant))""")
			.param("tenant", tenantId)
			.query((rs, row) -> Optional.ofNullable(rs.getObject(1, UUID.class)))
			.single();
	}

	/**
	 * Records what a tenant event says about the organization tree, latest state wins.
	 * @param tenantId the tenant, if the event is about one
	 * @param partnerId its partner, or the partner the event is about
	 */
	@Transactional
	public void learn(@Nullable UUID tenantId, @Nullable UUID partnerId) {
		if (partnerId != null) {
			this.jdbc.sql("""
					insert into partner_directory (partner_id) values (:partner)
					on conflict (partner_id) do update set updated_at = now()""").param("partner", partnerId).update();
		}
		if (tenantId != null) {
			this.jdbc
				.sql("""
						insert into tenant_directory (tenant_id, partner_id) values (:tenant, :partner)
						on conflict (tenant_id) do update
						  set partner_id = coalesce(excluded.partner_id, tenant_directory.partner_id), updated_at = now()""")
				.param("tenant", tenantId)
				.param("partner", partnerId)
				.update();
		}
	}

}
