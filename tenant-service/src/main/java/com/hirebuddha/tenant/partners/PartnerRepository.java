package com.hirebuddha.tenant.partners;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Stores partners.
 */
interface PartnerRepository extends JpaRepository<Partner, UUID> {

}
