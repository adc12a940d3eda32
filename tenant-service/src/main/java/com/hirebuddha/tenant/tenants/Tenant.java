package com.hirebuddha.tenant.tenants;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.jspecify.annotations.Nullable;

/**
 * A tenant row: where it sits in the tree, its settings and its lifecycle.
 */
@Entity
@Table(name = "tenant")
class Tenant {

	@Id
	private UUID id;

	@Column(nullable = false)
	private String name;

	@Column(name = "partner_id")
	private @Nullable UUID partnerId;

	private @Nullable String subdomain;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private TenantStatus status;

	@Column(name = "status_reason")
	private @Nullable String statusReason;

	@Enumerated(EnumType.STRING)
	@Column(name = "status_reason_code")
	private @Nullable ReasonCode statusReasonCode;

	@Column(name = "requests_per_minute")
	private @Nullable Integer requestsPerMinute;

	@Column(name = "monthly_token_budget")
	private @Nullable Long monthlyTokenBudget;

	@Column(name = "storage_mb")
	private @Nullable Integer storageMb;

	@Column(name = "default_model")
	private @Nullable String defaultModel;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@Version
	private long version;

	protected Tenant() {
	}

	Tenant(UUID id, String name, @Nullable UUID partnerId, Instant now) {
		this.id = id;
		this.name = name;
		this.partnerId = partnerId;
		this.status = TenantStatus.ACTIVE;
		this.createdAt = now;
		this.updatedAt = now;
	}

	UUID id() {
		return this.id;
	}

	@Nullable UUID partnerId() {
		return this.partnerId;
	}

	TenantStatus status() {
		return this.status;
	}

	@Nullable ReasonCode statusReasonCode() {
		return this.statusReasonCode;
	}

	/**
	 * Moves the tenant to a status.
	 * @return true if the status changed
	 */
	boolean moveTo(TenantStatus target, ReasonCode code, @Nullable String reason, Instant now) {
		if (this.status == target) {
			return false;
		}
		this.status = target;
		this.statusReasonCode = code;
		this.statusReason = (target == TenantStatus.ACTIVE) ? null : reason;
		this.updatedAt = now;
		return true;
	}

	/**
	 * Marks the tenant changed (its access changed with its partner's), so a concurrent
	 * change of the tenant conflicts instead of announcing a stale access status.
	 */
	void touch(Instant now) {
		this.updatedAt = now;
	}

	void update(UpdateTenantRequest request, boolean mayChangeLimits, Instant now) {
		if (request.name() != null) {
			this.name = request.name().strip();
		}
		if (request.subdomain() != null) {
			this.subdomain = request.subdomain();
		}
		if (request.defaultModel() != null) {
			this.defaultModel = request.defaultModel().strip();
		}
		if (mayChangeLimits && request.limits() != null) {
			this.requestsPerMinute = request.limits().requestsPerMinute();
			this.monthlyTokenBudget = request.limits().monthlyTokenBudget();
			this.storageMb = request.limits().storageMb();
		}
		this.updatedAt = now;
	}

	/**
	 * The status its requests get at the gateway.
	 * @param partnerActive whether its partner (if any) is active
	 * @return its own status, or SUSPENDED while its partner is not active
	 */
	TenantStatus accessStatus(boolean partnerActive) {
		return (this.status == TenantStatus.ACTIVE && !partnerActive) ? TenantStatus.SUSPENDED : this.status;
	}

	TenantStatusChanged statusChanged(boolean partnerActive, ReasonCode code, @Nullable String reason, Instant now) {
		return new TenantStatusChanged(this.id, this.partnerId, this.status, accessStatus(partnerActive), code, reason,
				this.requestsPerMinute, now);
	}

	TenantUpdated updated(boolean partnerActive) {
		return new TenantUpdated(this.id, this.partnerId, this.name, this.subdomain, this.status,
				accessStatus(partnerActive), this.requestsPerMinute,
				new Limits(this.requestsPerMinute, this.monthlyTokenBudget, this.storageMb), this.defaultModel,
				this.updatedAt);
	}

	TenantView toView() {
		return new TenantView(this.id, this.name, this.partnerId, this.subdomain, this.status, this.statusReason,
				new Limits(this.requestsPerMinute, this.monthlyTokenBudget, this.storageMb), this.defaultModel,
				this.createdAt);
	}

}
