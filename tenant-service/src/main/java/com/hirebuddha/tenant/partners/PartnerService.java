package com.hirebuddha.tenant.partners;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import com.hirebuddha.commons.events.EventPublisher;
import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.security.Roles;
import com.hirebuddha.commons.web.ApiException;
import com.hirebuddha.commons.web.PageView;
import com.hirebuddha.tenant.tenants.ReasonCode;
import com.hirebuddha.tenant.tenants.StatusAudit;
import com.hirebuddha.tenant.tenants.StatusRequest;
import com.hirebuddha.tenant.tenants.TenantService;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates partners and moves them through their lifecycle; a partner's status change is
 * audited, announced, and passed on to its tenants' access.
 */
@Service
class PartnerService {

	private final PartnerRepository partners;

	private final EventPublisher events;

	private final StatusAudit audit;

	private final TenantService tenants;

	private final Clock clock = Clock.systemUTC();

	PartnerService(PartnerRepository partners, EventPublisher events, StatusAudit audit, TenantService tenants) {
		this.partners = partners;
		this.events = events;
		this.audit = audit;
		this.tenants = tenants;
	}

	@Transactional
	PartnerView create(String name) {
		Partner partner = this.partners.save(new Partner(UUID.randomUUID(), name.strip(), this.clock.instant()));
		PartnerView view = partner.toView();
		this.events.publish(new PartnerCreated(view.id(), view.name(), view.createdAt()));
		return view;
	}

	@Transactional(readOnly = true)
	PageView<PartnerView> list(int page, int size) {
		Page<Partner> found = this.partners
			.findAll(PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "createdAt", "id")));
		return new PageView<>(found.map(Partner::toView).getContent(), page, size, found.getTotalElements());
	}

	@Transactional(readOnly = true)
	PartnerView get(UUID id, Caller caller) {
		return visible(id, caller).toView();
	}

	@Transactional
	PartnerView move(UUID id, String target, StatusRequest request, ReasonCode fallback, Caller caller) {
		Partner partner = visible(id, caller);
		String from = partner.status();
		ReasonCode code = (request.reasonCode() != null) ? request.reasonCode() : fallback;
		Instant now = this.clock.instant();
		String reason = request.reason().strip();
		if (partner.moveTo(target, reason, now)) {
			this.audit.record("PARTNER", id, from, target, code, reason, caller.subject(), now);
			this.events.publish(new PartnerStatusChanged(id, target, code, reason, now));
			// the tenants read the partner's new status, so it must be in the database
			// first
			this.partners.flush();
			this.tenants.partnerStatusChanged(id, code, reason);
		}
		return partner.toView();
	}

	private Partner visible(UUID id, Caller caller) {
		if (!caller.hasRole(Roles.PLATFORM_ADMIN) && !id.equals(caller.partnerId())) {
			throw ApiException.notFound("partner", id);
		}
		return this.partners.findById(id).orElseThrow(() -> ApiException.notFound("partner", id));
	}

}
