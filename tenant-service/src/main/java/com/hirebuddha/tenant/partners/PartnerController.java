package com.hirebuddha.tenant.partners;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.web.PageQuery;
import com.hirebuddha.commons.web.PageView;
import com.hirebuddha.tenant.tenants.ReasonCode;
import com.hirebuddha.tenant.tenants.StatusRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/partners}: platform admins create, list, suspend and reactivate
 * partners; a partner's admins read their own. Suspending a partner suspends its tenants'
 * access.
 */
@RestController
@RequestMapping("/api/v1/partners")
class PartnerController {

	private final PartnerService partners;

	PartnerController(PartnerService partners) {
		this.partners = partners;
	}

	@PostMapping
	@PreAuthorize("hasRole('PLATFORM_ADMIN')")
	ResponseEntity<PartnerView> create(@Valid @RequestBody CreatePartner request) {
		PartnerView view = this.partners.create(request.name());
		return ResponseEntity.created(URI.create("/api/v1/partners/" + view.id())).body(view);
	}

	@GetMapping
	@PreAuthorize("hasRole('PLATFORM_ADMIN')")
	PageView<PartnerView> list(PageQuery page) {
		return this.partners.list(page.page(), page.size());
	}

	@GetMapping("/{id}")
	PartnerView get(@PathVariable UUID id, Caller caller) {
		return this.partners.get(id, caller);
	}

	@PostMapping("/{id}/suspend")
	@PreAuthorize("hasRole('PLATFORM_ADMIN')")
	PartnerView suspend(@PathVariable UUID id, @Valid @RequestBody StatusRequest request, Caller caller) {
		caller.requireScope("tenants:write");
		return this.partners.move(id, "SUSPENDED", request, ReasonCode.MANUAL, caller);
	}

	@PostMapping("/{id}/activate")
	@PreAuthorize("hasRole('PLATFORM_ADMIN')")
	PartnerView activate(@PathVariable UUID id, @Valid @RequestBody StatusRequest request, Caller caller) {
		caller.requireScope("tenants:write");
		return this.partners.move(id, "ACTIVE", request, ReasonCode.REACTIVATED, caller);
	}

	record CreatePartner(@NotBlank @Size(max = 200) String name) {
	}

}
