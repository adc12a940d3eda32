package com.hirebuddha.tenant.partners;

import java.net.URI;
import java.time.Clock;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.hirebuddha.commons.events.EventPublisher;
import com.hirebuddha.commons.events.Topics;
import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.security.Roles;
import com.hirebuddha.commons.web.ApiException;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/partners}: platform admins create partners; a partner's admins read
 * their own. The rest of the partner surface (their tenants, prices, earnings) comes with
 * the organizations work.
 */
@RestController
@RequestMapping("/api/v1/partners")
class PartnerController {

	private final PartnerRepository partners;

	private final EventPublisher events;

	private final Clock clock = Clock.systemUTC();

	PartnerController(PartnerRepository partners, EventPublisher events) {
		this.partners = partners;
		this.events = events;
	}

	@PostMapping
	@PreAuthorize("hasRole('PLATFORM_ADMIN')")
	@Transactional
	ResponseEntity<PartnerView> create(@Valid @RequestBody CreatePartner request) {
		Partner partner = this.partners
			.save(new Partner(UUID.randomUUID(), request.name().strip(), this.clock.instant()));
		PartnerView view = partner.toView();
		this.events.publish(Topics.TENANT_EVENTS, view.id().toString(), PartnerCreated.TYPE, null,
				new PartnerCreated(view.id(), view.name(), view.createdAt()));
		return ResponseEntity.created(URI.create("/api/v1/partners/" + view.id())).body(view);
	}

	@GetMapping("/{id}")
	@Transactional(readOnly = true)
	PartnerView get(@PathVariable UUID id, Caller caller) {
		if (!caller.hasRole(Roles.PLATFORM_ADMIN) && !id.equals(caller.partnerId())) {
			throw ApiException.notFound("partner", id);
		}
		return this.partners.findById(id).map(Partner::toView).orElseThrow(() -> ApiException.notFound("partner", id));
	}

	record CreatePartner(@NotBlank @Size(max = 200) String name) {
	}

}
