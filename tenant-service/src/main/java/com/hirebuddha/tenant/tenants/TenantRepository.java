package com.hirebuddha.tenant.tenants;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * Stores tenants. Reads on behalf of a caller go through the {@code visible} queries,
 * which take the caller's scope: the platform sees all, a partner its own tenants, a
 * tenant itself.
 */
interface TenantRepository extends JpaRepository<Tenant, UUID> {

	String VISIBLE = "(:platform = true or t.partnerId = :partner or t.id = :tenant)";

	@Query("select t from Tenant t where t.id = :id and " + VISIBLE)
	Optional<Tenant> findVisible(@Param("id") UUID id, @Param("platform") boolean platform,
			@Param("partner") @Nullable UUID partner, @Param("tenant") @Nullable UUID tenant);

	@Query("select t from Tenant t where " + VISIBLE)
	Page<Tenant> findAllVisible(@Param("platform") boolean platform, @Param("partner") @Nullable UUID partner,
			@Param("tenant") @Nullable UUID tenant, Pageable page);

	List<Tenant> findByPartnerId(UUID partnerId);

	boolean existsBySubdomainAndIdNot(String subdomain, UUID id);

}
