package com.hirebuddha.worker.providers;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;

import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.web.ApiException;
import com.hirebuddha.worker.http.GuardedHttpClient;
import com.hirebuddha.worker.http.HttpCallException;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/models}: what the caller's tenant can run, simulator first and labelled
 * so; {@code /api/v1/providers}: the tenant's own provider keys, write-only (tenant
 * admins).
 */
@RestController
class ProviderController {

	private final ProviderCredentials credentials;

	private final WorkerProperties properties;

	private final GuardedHttpClient addresses;

	ProviderController(ProviderCredentials credentials, WorkerProperties properties, GuardedHttpClient addresses) {
		this.addresses = addresses;
		this.credentials = credentials;
		this.properties = properties;
	}

	@GetMapping("/api/v1/models")
	Map<String, Object> models(Caller caller) {
		UUID tenant = caller.requireTenant("agents:read");
		List<String> own = this.credentials.list(tenant).stream().map(ProviderView::provider).toList();
		return Map.of("items", ModelCatalog.MODELS.stream().map((entry) -> {
			WorkerProperties.Provider platform = this.properties.providers().get(entry.provider());
			boolean available = entry.simulated() || own.contains(entry.provider())
					|| (platform != null && platform.configured());
			return Map.of("provider", entry.provider(), "model", entry.model(), "label", entry.label(), "simulated",
					entry.simulated(), "available", available, "inputMicrosPerMillion", entry.inputMicrosPerMillion(),
					"outputMicrosPerMillion", entry.outputMicrosPerMillion());
		}).toList());
	}

	@GetMapping("/api/v1/providers")
	@PreAuthorize("hasRole('TENANT_ADMIN')")
	Map<String, Object> list(Caller caller) {
		return Map.of("items", this.credentials.list(caller.requireTenant("agents:write")));
	}

	@PutMapping("/api/v1/providers/{provider}")
	@PreAuthorize("hasRole('TENANT_ADMIN')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void put(@PathVariable String provider, @Valid @RequestBody ProviderRequest request, Caller caller) {
		caller.requireUser("Setting a provider key");
		UUID tenant = caller.requireTenant("agents:write");
		known(provider);
		if (("openai-compatible".equals(provider) || "ollama".equals(provider)) && request.baseUrl() == null) {
			throw ApiException.invalid("base-url-required", provider + " needs a baseUrl.");
		}
		if (request.baseUrl() != null) {
			try {
				// a tenant's base URL is called by the worker: it may not point inside
				// our network
				this.addresses.check(request.baseUrl());
			}
			catch (HttpCallException ex) {
				throw ApiException.invalid("forbidden-base-url",
						"baseUrl must be a public http(s) address: " + ex.getMessage());
			}
		}
		this.credentials.put(tenant, provider, request, caller.subject());
	}

	@DeleteMapping("/api/v1/providers/{provider}")
	@PreAuthorize("hasRole('TENANT_ADMIN')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable String provider, Caller caller) {
		caller.requireUser("Removing a provider key");
		known(provider);
		if (!this.credentials.delete(caller.requireTenant("agents:write"), provider)) {
			throw ApiException.notFound("provider key", provider);
		}
	}

	private static void known(String provider) {
		if (!ModelCatalog.CONFIGURABLE.contains(provider)) {
			throw ApiException.notFound("provider", provider);
		}
	}

}
