package com.hirebuddha.auth.sso;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.hirebuddha.auth.sessions.Sessions;
import com.hirebuddha.auth.sessions.TokenResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/auth/sso}: which providers the console may offer, and the exchange of
 * the one-time code for a session.
 */
@RestController
@RequestMapping("/api/v1/auth/sso")
class SsoController {

	private final ObjectProvider<ClientRegistrationRepository> registrations;

	private final SsoAccounts accounts;

	private final Sessions sessions;

	SsoController(ObjectProvider<ClientRegistrationRepository> registrations, SsoAccounts accounts, Sessions sessions) {
		this.registrations = registrations;
		this.accounts = accounts;
		this.sessions = sessions;
	}

	@GetMapping("/providers")
	Map<String, List<Provider>> providers() {
		List<Provider> providers = new ArrayList<>();
		if (this.registrations.getIfAvailable() instanceof Iterable<?> all) {
			for (Object registration : all) {
				ClientRegistration client = (ClientRegistration) registration;
				providers.add(new Provider(client.getRegistrationId(), client.getClientName()));
			}
		}
		return Map.of("items", providers);
	}

	@PostMapping("/exchange")
	TokenResponse exchange(@Valid @RequestBody Exchange request) {
		return this.sessions.start(this.accounts.redeem(request.code()));
	}

	record Provider(String id, String name) {
	}

	record Exchange(@NotBlank @Size(max = 200) String code) {
	}

}
