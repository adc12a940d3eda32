package com.hirebuddha.tenant.tenants;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A tenant row.
 */
@Entity
@Table(name = "tenant")
class Tenant {

	@Id
	private UUID id;

	@Column(nullable = false)
	private String name;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private TenantStatus status;

	@Column(name = "status_reason")
	private @Nullable String statusReason;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected Tenant() {
	}

	Tenant(UUID id, String name, Instant now) {
		this.id = id;
		this.name = name;
		this.status = TenantStatus.ACTIVE;
		this.createdAt = now;
		this.updatedAt = now;
	}

	UUID id() {
		return this.id;
	}

	/**
	 * Closes the tenant for good.
	 * @return true if this changed its status, false if it was already closed
	 */
	boolean close(String reason, Instant now) {
		if (this.status == TenantStatus.CLOSED) {
			return false;
		}
		this.status = TenantStatus.CLOSED;
		this.statusReason = reason;
		this.updatedAt = now;
		return true;
	}

	TenantStatusChanged statusChanged() {
		return new TenantStatusChanged(this.id, this.status, this.statusReason, this.updatedAt);
	}

	TenantView toView() {
		return new TenantView(this.id, this.name, this.status, this.createdAt);
	}

}
