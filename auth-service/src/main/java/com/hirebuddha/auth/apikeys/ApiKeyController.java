package com.hirebuddha.auth.apikeys;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;

import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.security.TokenClaims;
import com.hirebuddha.commons.tenancy.DbScope;
import com.hirebuddha.commons.web.ApiException;
import com.hirebuddha.commons.web.PageQuery;
import com.hirebuddha.commons.web.PageView;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/api-keys} for admins signed in as users, and the gateway's exchange of a
 * key for an access token.
 */
@RestController
class ApiKeyController {

	private final ApiKeys keys;

	ApiKeyController(ApiKeys keys) {
		this.keys = keys;
	}

	@PostMapping("/api/v1/api-keys")
	@PreAuthorize("hasAnyRole('PLATFORM_ADMIN', 'PARTNER_ADMIN', 'TENANT_ADMIN')")
	ResponseEntity<ApiKeyRequests.Created> create(Caller caller, @Valid @RequestBody ApiKeyRequests.Create request) {
		requireUser(caller);
		ApiKeyRequests.Created created = this.keys.create(caller, request);
		return ResponseEntity.created(URI.create("/api/v1/api-keys/" + created.id())).body(created);
	}

	@GetMapping("/api/v1/api-keys")
	@PreAuthorize("hasAnyRole('PLATFORM_ADMIN', 'PARTNER_ADMIN', 'TENANT_ADMIN')")
	PageView<ApiKeyRequests.View> list(Caller caller, PageQuery page) {
		requireUser(caller);
		return this.keys.list(caller, page.page(), page.size());
	}

	@DeleteMapping("/api/v1/api-keys/{id}")
	@PreAuthorize("hasAnyRole('PLATFORM_ADMIN', 'PARTNER_ADMIN', 'TENANT_ADMIN')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke(Caller caller, @PathVariable UUID id) {
		requireUser(caller);
		this.keys.revoke(caller, id);
	}

	/**
	 * Not routed by the gateway: billing asks, with its caller's token, whose a key is
	 * before it sets the key's budget. A tenant learns only of its own live keys.
	 */
	@GetMapping("/internal/v1/api-keys/{id}")
	ApiKeyRequests.Owner owner(Caller caller, @PathVariable UUID id) {
		return this.keys.owner(caller, id);
	}

	/**
	 * Not routed by the gateway (it calls this service directly); safe to reach anyway,
	 * since it only turns a valid key into the token that key already stands for.
	 */
	@PostMapping("/internal/api-keys/exchange")
	ApiKeyRequests.Exchanged exchange(@RequestHeader("X-API-Key") String key) {
		// no caller yet: the key itself says whose it is, so the lookup spans tenants
		return DbScope.run(DbScope.SYSTEM, () -> this.keys.exchange(key.strip()));
	}

	private static void requireUser(Caller caller) {
		if (!TokenClaims.KIND_USER.equals(caller.kind())) {
			throw ApiException.forbidden("users-only", "API keys are managed by signed-in users, not by API keys.");
		}
	}

}
