package com.hirebuddha.tenant.partners;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A partner row.
 */
@Entity
@Table(name = "partner")
class Partner {

	@Id
	private UUID id;

	@Column(nullable = false)
	private String name;

	@Column(nullable = false)
	private String status;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected Partner() {
	}

	Partner(UUID id, String name, Instant now) {
		this.id = id;
		this.name = name;
		this.status = "ACTIVE";
		this.createdAt = now;
		this.updatedAt = now;
	}

	PartnerView toView() {
		return new PartnerView(this.id, this.name, this.status, this.createdAt);
	}

}
