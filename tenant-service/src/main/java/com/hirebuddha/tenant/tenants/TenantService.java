package com.hirebuddha.tenant.tenants;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.hirebuddha.commons.events.EventPublisher;
import com.hirebuddha.commons.web.ApiException;
import com.hirebuddha.commons.web.PageView;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, reads, updates and moves tenants through their lifecycle, always within the
 * caller's {@link OrgScope}; every change and its event commit together, and every status
 * change is audited.
 */
@Service
public class TenantService {

	private final TenantRepository tenants;

	private final EventPublisher events;

	private final StatusAudit audit;

	private final JdbcClient jdbc;

	private final Clock clock;

	TenantService(TenantRepository tenants, EventPublisher events, StatusAudit audit, JdbcClient jdbc) {
		this.tenants = tenants;
		this.events = events;
		this.audit = audit;
		this.jdbc = jdbc;
		this.clock = Clock.systemUTC();
	}

	/**
	 * Creates an active tenant and announces it on {@code tenant.events}.
	 * @param request the tenant's details
	 * @return the new tenant
	 */
	@Transactional
	public TenantView create(CreateTenantRequest request) {
		return create(request, null);
	}

	/**
	 * Creates an active tenant under a partner (or the platform) and announces it.
	 * @param request the tenant's details
	 * @param partnerId the partner, or null for the platform's own
	 * @return the new tenant
	 * @throws ApiException 409 when the partner is not active
	 */
	@Transactional
	public TenantView create(CreateTenantRequest request, @Nullable UUID partnerId) {
		if (partnerId != null && !partnerActive(partnerId)) {
			throw ApiException.conflict("partner-not-active", "Partner " + partnerId + " is not active.");
		}
		Instant now = this.clock.instant();
		Tenant tenant = this.tenants.save(new Tenant(UUID.randomUUID(), request.name().strip(), partnerId, now));
		TenantView view = tenant.toView();
		this.events.publish(
				new TenantCreated(view.id(), view.name(), partnerId, view.status(), view.status(), view.createdAt()));
		return view;
	}

	/**
	 * Finds one tenant the caller may see.
	 * @param id the tenant id
	 * @param scope the caller's scope
	 * @return the tenant
	 * @throws ApiException 404 when it does not exist or is not the caller's to see
	 */
	@Transactional(readOnly = true)
	public TenantView get(UUID id, OrgScope scope) {
		return visible(id, scope).toView();
	}

	/**
	 * Lists the tenants the caller may see, newest first.
	 * @param scope the caller's scope
	 * @param page zero-based page
	 * @param size page size
	 * @return the page
	 */
	@Transactional(readOnly = true)
	public PageView<TenantView> list(OrgScope scope, int page, int size) {
		PageRequest request = PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "createdAt", "id"));
		Page<Tenant> found = this.tenants.findAllVisible(scope.platform(), scope.partnerId(), scope.tenantId(),
				request);
		return new PageView<>(found.map(Tenant::toView).getContent(), page, size, found.getTotalElements());
	}

	/**
	 * Changes settings: a tenant's admins its name, subdomain and default model; its
	 * partner's admins and the platform also its limits.
	 * @param id the tenant
	 * @param request what changes
	 * @param scope the caller's scope
	 * @param tenantAdmin whether the caller is this tenant's admin
	 * @return the tenant
	 */
	@Transactional
	public TenantView update(UUID id, UpdateTenantRequest request, OrgScope scope, boolean tenantAdmin) {
		Tenant tenant = visible(id, scope);
		if (!scope.managesTenants() && !tenantAdmin) {
			throw ApiException.forbidden("forbidden", "Only the tenant's admins may change its settings.");
		}
		if (request.limits() != null && !scope.managesTenants()) {
			throw ApiException.forbidden("limits-managed", "Plan limits are set by the platform or your partner.");
		}
		if (request.subdomain() != null && this.tenants.existsBySubdomainAndIdNot(request.subdomain(), id)) {
			throw ApiException.conflict("subdomain-taken", "The subdomain " + request.subdomain() + " is taken.");
		}
		if (request.subdomain() != null && Subdomains.RESERVED.contains(request.subdomain())) {
			throw ApiException.invalid("subdomain-reserved", "The subdomain " + request.subdomain() + " is reserved.");
		}
		tenant.update(request, scope.managesTenants(), this.clock.instant());
		try {
			// row-level security hides other tenants' subdomains from the check above;
			// the unique index sees them all
			this.tenants.flush();
		}
		catch (org.springframework.dao.DataIntegrityViolationException ex) {
			// only the subdomain's unique index means "taken"; anything else is not the
			// client's to fix by choosing another name
			if (!violates(ex, "tenant_subdomain")) {
				throw ex;
			}
			throw ApiException.conflict("subdomain-taken", "The subdomain " + request.subdomain() + " is taken.");
		}
		boolean partnerActive = tenant.partnerId() == null || partnerActive(tenant.partnerId());
		this.events.publish(tenant.updated(partnerActive));
		return tenant.toView();
	}

	/**
	 * Moves a tenant to a status, audits it and announces it; a move to the status it has
	 * changes nothing.
	 * @param id the tenant
	 * @param target the new status
	 * @param request why
	 * @param scope the caller's scope (platform, or the tenant's partner)
	 * @return the tenant
	 */
	@Transactional
	public TenantView changeStatus(UUID id, TenantStatus target, StatusRequest request, OrgScope scope) {
		Tenant tenant = visible(id, scope);
		if (!scope.managesTenants()) {
			throw ApiException.forbidden("forbidden", "Only the platform or the tenant's partner changes its status.");
		}
		if (tenant.status() == TenantStatus.CLOSED && target != TenantStatus.CLOSED) {
			throw ApiException.conflict("tenant-closed", "Tenant " + id + " is closed for good.");
		}
		TenantStatus from = tenant.status();
		ReasonCode code = request.code((target == TenantStatus.ACTIVE) ? ReasonCode.REACTIVATED : ReasonCode.MANUAL);
		Instant now = this.clock.instant();
		if (tenant.moveTo(target, code, request.reason().strip(), now)) {
			this.audit.record("TENANT", id, from.name(), target.name(), code, request.reason().strip(), scope.actor(),
					now);
			announce(tenant, code, request.reason().strip(), now);
		}
		return tenant.toView();
	}

	/**
	 * Applies billing's dunning policy: suspends an active tenant for an overdue invoice,
	 * or reactivates a tenant that is suspended for that reason only (a suspension an
	 * admin chose stays). A tenant this service does not know is left alone.
	 * @param id the tenant
	 * @param suspend true to suspend, false to reactivate
	 * @param reason billing's words, for the audit trail
	 */
	@Transactional
	public void billingPolicy(UUID id, boolean suspend, String reason) {
		Tenant tenant = this.tenants.findById(id).orElse(null);
		if (tenant == null) {
			return;
		}
		OrgScope billing = new OrgScope(true, null, null, true, "service:billing-service");
		if (suspend && tenant.status() == TenantStatus.ACTIVE) {
			changeStatus(id, TenantStatus.SUSPENDED, new StatusRequest(reason, ReasonCode.PAYMENT_OVERDUE), billing);
		}
		else if (!suspend && tenant.status() == TenantStatus.SUSPENDED
				&& tenant.statusReasonCode() == ReasonCode.PAYMENT_OVERDUE) {
			changeStatus(id, TenantStatus.ACTIVE, new StatusRequest(reason, ReasonCode.REACTIVATED), billing);
		}
	}

	/**
	 * A partner's status changed: each of its tenants' access changes with it, announced
	 * per tenant so the gateway (which reads tenants only) follows.
	 * @param partnerId the partner
	 * @param code why
	 * @param reason the admin's words
	 */
	@Transactional
	public void partnerStatusChanged(UUID partnerId, ReasonCode code, @Nullable String reason) {
		Instant now = this.clock.instant();
		for (Tenant tenant : this.tenants.findByPartnerId(partnerId)) {
			tenant.touch(now);
			announce(tenant, code, reason, now);
		}
	}

	/**
	 * The audited status changes of a tenant the caller may see.
	 * @param id the tenant
	 * @param scope the caller's scope
	 * @return the changes, newest first
	 */
	@Transactional(readOnly = true)
	public List<StatusAudit.StatusChangeView> history(UUID id, OrgScope scope) {
		visible(id, scope);
		return this.audit.history(id);
	}

	private void announce(Tenant tenant, ReasonCode code, @Nullable String reason, Instant now) {
		boolean partnerActive = tenant.partnerId() == null || partnerActive(tenant.partnerId());
		this.events.publish(tenant.statusChanged(partnerActive, code, reason, now));
	}

	private Tenant visible(UUID id, OrgScope scope) {
		// another tenant's id answers 404, exactly like an id that does not exist
		return this.tenants.findVisible(id, scope.platform(), scope.partnerId(), scope.tenantId())
			.orElseThrow(() -> ApiException.notFound("tenant", id));
	}

	// the partner's status is read as data here; the partners feature owns its changes
	private boolean partnerActive(UUID partnerId) {
		return "ACTIVE".equals(this.jdbc.sql("select status from partner where id = :id")
			.param("id", partnerId)
			.query(String.class)
			.optional()
			.orElse(null));
	}

	private static boolean violates(Throwable ex, String constraint) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof org.hibernate.exception.ConstraintViolationException violation
					&& constraint.equals(violation.getConstraintName())) {
				return true;
			}
		}
		return false;
	}

}
