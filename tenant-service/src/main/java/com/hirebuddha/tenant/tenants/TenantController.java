package com.hirebuddha.tenant.tenants;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.security.Roles;
import com.hirebuddha.commons.web.ApiException;
import com.hirebuddha.commons.web.PageView;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/tenants}: create, read and list tenants.
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
		// another tenant's id answers 404, exactly like an id that does not exist
		if (!caller.hasRole(Roles.PLATFORM_ADMIN) && !id.equals(caller.tenantId())) {
			throw ApiException.notFound("tenant", id);
		}
		return this.tenants.get(id);
	}

	@PostMapping("/{id}/close")
	@PreAuthorize("hasRole('PLATFORM_ADMIN')")
	TenantView close(@PathVariable UUID id, @Valid @RequestBody CloseTenantRequest request) {
		return this.tenants.close(id, request);
	}

	@GetMapping
	@PreAuthorize("hasRole('PLATFORM_ADMIN')")
	PageView<TenantView> list(@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
		return this.tenants.list(page, size);
	}

}
