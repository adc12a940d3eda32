package com.hirebuddha.auth.accounts;

import jakarta.validation.constraints.Email;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The request bodies of the account endpoints. Passwords are bounded here only against
 * abuse; {@link PasswordPolicy} says what a good one is.
 */
final class Requests {

	private Requests() {
	}

	record Register(@NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(max = 1024) String password,
			@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 200) String companyName) {
	}

	record Login(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 1024) String password) {
	}

	record Refresh(@NotBlank @Size(max = 200) String refreshToken) {
	}

	record Logout(@Size(max = 200) String refreshToken) {
	}

	record SingleUseToken(@NotBlank @Size(max = 200) String token) {
	}

	record ResetRequest(@NotBlank @Size(max = 254) String email) {
	}

	record ResetConfirm(@NotBlank @Size(max = 200) String token, @NotBlank @Size(max = 1024) String password) {
	}

	record Invite(@NotBlank @Email @Size(max = 254) String email,
			@NotBlank @Pattern(regexp = "TENANT_ADMIN|TENANT_MEMBER") String role) {
	}

	record TenantAdmin(@NotNull UUID tenantId, @NotBlank @Email @Size(max = 254) String email,
			@NotBlank @Size(max = 200) String name, @Nullable @Size(max = 1024) String password) {
	}

	record AcceptInvitation(@NotBlank @Size(max = 200) String token, @NotBlank @Size(max = 200) String name,
			@NotBlank @Size(max = 1024) String password) {
	}

}
