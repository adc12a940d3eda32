package com.hirebuddha.tenant.partners;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

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

	@Column(name = "status_reason")
	private @Nullable String statusReason;

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

	String status() {
		return this.status;
	}

	boolean moveTo(String target, @Nullable String reason, Instant now) {
		if (this.status.equals(target)) {
			return false;
		}
		this.status = target;
		this.statusReason = "ACTIVE".equals(target) ? null : reason;
		this.updatedAt = now;
		return true;
	}

	PartnerView toView() {
		return new PartnerView(this.id, this.name, this.status, this.statusReason, this.createdAt);
	}

}
