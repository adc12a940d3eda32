package com.hirebuddha.tenant.partners;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.hirebuddha.commons.client.DownstreamProblem;
import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.security.Roles;
import com.hirebuddha.commons.web.ApiException;
import com.hirebuddha.tenant.tenants.CreateTenantRequest;
import com.hirebuddha.tenant.tenants.OrgScope;
import com.hirebuddha.tenant.tenants.ReasonCode;
import com.hirebuddha.tenant.tenants.StatusRequest;
import com.hirebuddha.tenant.tenants.TenantService;
import com.hirebuddha.tenant.tenants.TenantStatus;
import com.hirebuddha.tenant.tenants.TenantView;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

/**
 * {@code POST /api/v1/partners/{id}/tenants}: a partner's admin (or the platform)
 * onboards a tenant with its first admin. The tenant is created here, then its admin in
 * auth-service (invited by email when no password is given); if auth-service refuses or
 * fails, the tenant is closed again and the refusal passes through.
 */
@RestController
class PartnerTenantsController {

	private static final Logger log = LoggerFactory.getLogger(PartnerTenantsController.class);

	private final TenantService tenants;

	private final AuthClient auth;

	PartnerTenantsController(TenantService tenants, AuthClient auth) {
		this.tenants = tenants;
		this.auth = auth;
	}

	@PostMapping("/api/v1/partners/{id}/tenants")
	ResponseEntity<TenantView> onboard(@PathVariable UUID id, @Valid @RequestBody Onboard request, Caller caller) {
		boolean allowed = caller.hasRole(Roles.PLATFORM_ADMIN)
				|| (caller.hasRole(Roles.PARTNER_ADMIN) && id.equals(caller.partnerId()));
		if (!allowed) {
			throw ApiException.notFound("partner", id);
		}
		// the first admin is created with the caller's rights, which API keys do not
		// carry
		caller.requireUser("Onboarding a tenant");
		TenantView tenant = this.tenants.create(new CreateTenantRequest(request.name()), id);
		try {
			this.auth.createTenantAdmin(tenant.id(), request.adminEmail(),
					(request.adminName() != null) ? request.adminName() : request.adminEmail(),
					request.adminPassword());
		}
		catch (HttpClientErrorException ex) {
			undo(tenant, caller);
			// auth-service's refusal (email taken, weak password ...) passes through as
			// it said it
			throw DownstreamProblem.of(ex)
				.passThrough("Tenant admin refused", "invalid-request", "The tenant's admin was refused.", null);
		}
		catch (RestClientException ex) {
			undo(tenant, caller);
			throw ApiException.conflict("dependency-unavailable",
					"The tenant's admin could not be created right now; nothing was kept. Try again.");
		}
		return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenant.id())).body(tenant);
	}

	private void undo(TenantView tenant, Caller caller) {
		this.tenants.changeStatus(tenant.id(), TenantStatus.CLOSED,
				new StatusRequest("onboarding failed: its first admin could not be created",
						ReasonCode.REGISTRATION_FAILED),
				OrgScope.of(caller));
		log.info("closed tenant {}: its onboarding failed", tenant.id());
	}

	record Onboard(@NotBlank @Size(max = 200) String name, @NotBlank @Email @Size(max = 254) String adminEmail,
			@Nullable @Size(max = 200) String adminName, @Nullable @Size(max = 1024) String adminPassword) {
	}

}
