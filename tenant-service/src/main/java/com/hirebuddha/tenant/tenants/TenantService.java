package com.hirebuddha.tenant.tenants;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import com.hirebuddha.commons.events.EventPublisher;
import com.hirebuddha.commons.events.Topics;
import com.hirebuddha.commons.web.ApiException;
import com.hirebuddha.commons.web.PageView;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates and reads tenants; every change and its event commit together.
 */
@Service
public class TenantService {

	private final TenantRepository tenants;

	private final EventPublisher events;

	private final Clock clock;

	TenantService(TenantRepository tenants, EventPublisher events) {
		this.tenants = tenants;
		this.events = events;
		this.clock = Clock.systemUTC();
	}

	/**
	 * Creates an active tenant and announces it on {@code tenant.events}.
	 * @param request the tenant's details
	 * @return the new tenant
	 */
	@Transactional
	public TenantView create(CreateTenantRequest request) {
		Instant now = this.clock.instant();
		Tenant tenant = this.tenants.save(new Tenant(UUID.randomUUID(), request.name().strip(), now));
		TenantView view = tenant.toView();
		this.events.publish(Topics.TENANT_EVENTS, view.id().toString(), TenantCreated.TYPE, view.id(),
				new TenantCreated(view.id(), view.name(), view.status(), view.createdAt()));
		return view;
	}

	/**
	 * Closes a tenant and announces its new status; closing a closed tenant changes
	 * nothing.
	 * @param id the tenant id
	 * @param request why
	 * @return the tenant
	 */
	@Transactional
	public TenantView close(UUID id, CloseTenantRequest request) {
		Tenant tenant = this.tenants.findById(id).orElseThrow(() -> ApiException.notFound("tenant", id));
		if (tenant.close(request.reason().strip(), this.clock.instant())) {
			this.events.publish(Topics.TENANT_EVENTS, id.toString(), TenantStatusChanged.TYPE, id,
					tenant.statusChanged());
		}
		return tenant.toView();
	}

	/**
	 * Finds one tenant.
	 * @param id the tenant id
	 * @return the tenant
	 * @throws ApiException not found when it does not exist
	 */
	@Transactional(readOnly = true)
	public TenantView get(UUID id) {
		return this.tenants.findById(id).map(Tenant::toView).orElseThrow(() -> ApiException.notFound("tenant", id));
	}

	/**
	 * Lists tenants, newest first.
	 * @param page zero-based page
	 * @param size page size
	 * @return the page
	 */
	@Transactional(readOnly = true)
	public PageView<TenantView> list(int page, int size) {
		PageRequest request = PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "createdAt", "id"));
		return PageView.of(this.tenants.findAll(request), Tenant::toView);
	}

}
