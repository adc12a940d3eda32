package com.hirebuddha.auth.accounts;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import com.hirebuddha.auth.sessions.Principal;
import com.hirebuddha.auth.sessions.Sessions;
import com.hirebuddha.auth.sessions.TokenResponse;
import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.security.Roles;
import com.hirebuddha.commons.web.ApiException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/auth}: register, sign in, refresh, sign out, who am I, email
 * verification, password reset and invitations.
 */
@RestController
@RequestMapping("/api/v1/auth")
class AccountController {

	private final Registration registration;

	private final PasswordLogin login;

	private final Sessions sessions;

	private final Users users;

	private final EmailTokens emailTokens;

	private final Invitations invitations;

	private final TenantClient tenants;

	AccountController(Registration registration, PasswordLogin login, Sessions sessions, Users users,
			EmailTokens emailTokens, Invitations invitations, TenantClient tenants) {
		this.tenants = tenants;
		this.registration = registration;
		this.login = login;
		this.sessions = sessions;
		this.users = users;
		this.emailTokens = emailTokens;
		this.invitations = invitations;
	}

	@PostMapping("/register")
	ResponseEntity<Views.Registered> register(@Valid @RequestBody Requests.Register request) {
		Views.Registered registered = this.registration.register(request);
		return ResponseEntity.created(URI.create("/api/v1/auth/me")).body(registered);
	}

	@PostMapping("/login")
	TokenResponse login(@Valid @RequestBody Requests.Login request, HttpServletRequest http) {
		return this.login.login(request, http.getRemoteAddr());
	}

	@PostMapping("/refresh")
	TokenResponse refresh(@Valid @RequestBody Requests.Refresh request) {
		return this.sessions.refresh(request.refreshToken());
	}

	@PostMapping("/logout")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void logout(Caller caller, @RequestBody(required = false) Requests.@Nullable Logout request) {
		if (caller.sessionId() == null || caller.userId() == null) {
			throw ApiException.invalid("not-a-session", "Only a signed-in user's token can sign out.");
		}
		this.sessions.end(caller.sessionId(), caller.userId(), "logout");
	}

	@GetMapping("/me")
	Views.Me me(Caller caller) {
		if (caller.userId() == null) {
			throw ApiException.notFound("user", caller.subject());
		}
		Users.StoredUser user = this.users.findById(caller.userId())
			.orElseThrow(() -> ApiException.notFound("user", caller.subject()));
		return new Views.Me(user.id(), user.email(), user.name(), user.tenantId(), user.partnerId(),
				List.of(user.role()), user.emailVerified());
	}

	@PostMapping("/verify-email")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void verifyEmail(@Valid @RequestBody Requests.SingleUseToken request) {
		this.emailTokens.verify(request.token());
	}

	@PostMapping("/password-reset")
	@ResponseStatus(HttpStatus.ACCEPTED)
	void requestReset(@Valid @RequestBody Requests.ResetRequest request) {
		this.emailTokens.requestReset(request.email());
	}

	@PostMapping("/password-reset/confirm")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void reset(@Valid @RequestBody Requests.ResetConfirm request) {
		this.emailTokens.reset(request.token(), request.password());
	}

	@PostMapping("/invitations")
	@PreAuthorize("hasRole('TENANT_ADMIN')")
	ResponseEntity<Views.Invitation> invite(Caller caller, @Valid @RequestBody Requests.Invite request) {
		if (caller.userId() == null) {
			throw ApiException.forbidden("users-only", "Invitations are sent by signed-in admins, not by API keys.");
		}
		return ResponseEntity.status(HttpStatus.CREATED).body(this.invitations.invite(caller, request));
	}

	/**
	 * A tenant's first admin, created by the platform or the tenant's partner
	 * (tenant-service calls this with the caller's token while onboarding): with a
	 * password the admin can sign in at once (and verifies the email later), without one
	 * an invitation is emailed.
	 */
	@PostMapping("/tenant-admins")
	@PreAuthorize("hasAnyRole('PLATFORM_ADMIN', 'PARTNER_ADMIN')")
	ResponseEntity<Map<String, Object>> tenantAdmin(Caller caller, @Valid @RequestBody Requests.TenantAdmin request,
			HttpServletRequest http) {
		if (caller.userId() == null) {
			throw ApiException.forbidden("users-only", "Tenant admins are created by signed-in admins.");
		}
		String token = http.getHeader("Authorization").substring("Bearer ".length());
		if (!this.tenants.visibleTo(token, request.tenantId())) {
			throw ApiException.notFound("tenant", request.tenantId());
		}
		if (request.password() == null) {
			Views.Invitation invitation = this.invitations.invite(request.tenantId(),
					new Requests.Invite(request.email(), Roles.TENANT_ADMIN), caller.userId());
			return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("invitationId", invitation.id()));
		}
		Principal admin = this.registration.addAdmin(request);
		return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("userId", admin.userId()));
	}

	@PostMapping("/invitations/accept")
	TokenResponse accept(@Valid @RequestBody Requests.AcceptInvitation request) {
		return this.sessions.start(this.invitations.accept(request));
	}

}
