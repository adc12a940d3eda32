package com.hirebuddha.tenant.tenants;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Stores tenants.
 */
interface TenantRepository extends JpaRepository<Tenant, UUID> {

}
