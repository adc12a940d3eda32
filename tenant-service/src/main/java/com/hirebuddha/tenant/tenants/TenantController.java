package com.hirebuddha.tenant.tenants;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;

import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.web.PageQuery;
import com.hirebuddha.commons.web.PageView;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/tenants}: the platform's tenants for platform admins, a partner's for
 * its admins, one's own for everybody else; suspend, activate and close for the platform
 * and the tenant's partner. Anything outside the caller's scope answers 404.
 */
@RestController
@RequestMapping("/api/v1/tenants")
class TenantController {

	private final TenantService tenants;

	TenantController(TenantService tenants) {
		this.tenants = tenants;
	}

	@PostMapping
	@PreAuthorize("hasRole('PLATFORM_ADMIN')")
	ResponseEntity<TenantView> create(@Valid @RequestBody CreateTenantRequest request) {
		TenantView tenant = this.tenants.create(request);
		return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenant.id())).body(tenant);
	}

	@GetMapping("/{id}")
	TenantView get(@PathVariable UUID id, Caller caller) {
		caller.requireScope("tenants:read");
		return this.tenants.get(id, OrgScope.of(caller));
	}

	@GetMapping
	PageView<TenantView> list(Caller caller, PageQuery page) {
		caller.requireScope("tenants:read");
		return this.tenants.list(OrgScope.of(caller), page.page(), page.size());
	}

	@PatchMapping("/{id}")
	TenantView update(@PathVariable UUID id, @Valid @RequestBody UpdateTenantRequest request, Caller caller) {
		caller.requireScope("tenants:write");
		OrgScope scope = OrgScope.of(caller);
		return this.tenants.update(id, request, scope, scope.isTenantAdmin(id, caller));
	}

	@PostMapping("/{id}/suspend")
	TenantView suspend(@PathVariable UUID id, @Valid @RequestBody StatusRequest request, Caller caller) {
		caller.requireScope("tenants:write");
		return this.tenants.changeStatus(id, TenantStatus.SUSPENDED, request, OrgScope.of(caller));
	}

	@PostMapping("/{id}/activate")
	TenantView activate(@PathVariable UUID id, @Valid @RequestBody StatusRequest request, Caller caller) {
		caller.requireScope("tenants:write");
		return this.tenants.changeStatus(id, TenantStatus.ACTIVE, request, OrgScope.of(caller));
	}

	@PostMapping("/{id}/close")
	TenantView close(@PathVariable UUID id, @Valid @RequestBody StatusRequest request, Caller caller) {
		caller.requireScope("tenants:write");
		return this.tenants.changeStatus(id, TenantStatus.CLOSED, request, OrgScope.of(caller));
	}

	@GetMapping("/{id}/status-history")
	Map<String, List<StatusAudit.StatusChangeView>> history(@PathVariable UUID id, Caller caller) {
		caller.requireScope("tenants:read");
		return Map.of("items", this.tenants.history(id, OrgScope.of(caller)));
	}

}
