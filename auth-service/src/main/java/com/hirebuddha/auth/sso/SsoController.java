package com.hirebuddha.auth.sso;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.hirebuddha.auth.AuthProperties;
import com.hirebuddha.auth.sessions.Sessions;
import com.hirebuddha.auth.sessions.TokenResponse;
import com.hirebuddha.commons.web.ApiException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.web.bind.annotation.CookieValue;
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

	private final AuthProperties properties;

	SsoController(ObjectProvider<ClientRegistrationRepository> registrations, SsoAccounts accounts, Sessions sessions,
			AuthProperties properties) {
		this.registrations = registrations;
		this.accounts = accounts;
		this.sessions = sessions;
		this.properties = properties;
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
	ResponseEntity<TokenResponse> exchange(@Valid @RequestBody Exchange request,
			@CookieValue(name = SsoConfig.BINDING_COOKIE, required = false) @Nullable String binding) {
		if (binding == null || binding.isBlank()) {
			throw ApiException.unauthorized("invalid-sso-code",
					"This sign-in code belongs to another browser or has expired; sign in again.");
		}
		TokenResponse tokens = this.sessions.start(this.accounts.redeem(request.code(), binding));
		return ResponseEntity.ok().header("Set-Cookie", SsoConfig.bindingCookie("", this.properties, 0)).body(tokens);
	}

	record Provider(String id, String name) {
	}

	record Exchange(@NotBlank @Size(max = 200) String code) {
	}

}
