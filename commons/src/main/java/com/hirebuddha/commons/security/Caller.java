package com.hirebuddha.commons.security;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.hirebuddha.commons.web.ApiException;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, as the validated access token says: the only source of tenant and role
 * for scoping queries. Controllers take it as a parameter.
 *
 * @param subject the token's {@code sub}: a user id, {@code apikey:<id>} or
 * {@code service:<name>}
 * @param tenantId the caller's tenant, if any
 * @param partnerId the caller's partner, if any
 * @param roles the caller's roles
 * @param kind what the token stands for ({@link TokenClaims#KINDS})
 * @param sessionId the login session of a user token, if any
 * @param scopes what an API key may do ({@code scope} claim); users act with their role
 * alone
 */
public record Caller(String subject, @Nullable UUID tenantId, @Nullable UUID partnerId, List<String> roles, String kind,
		@Nullable UUID sessionId, List<String> scopes) {

	/**
	 * Reads a validated token.
	 * @param jwt the token
	 * @return the caller
	 */
	public static Caller of(Jwt jwt) {
		List<String> roles = jwt.getClaimAsStringList(TokenClaims.ROLES);
		String scope = jwt.getClaimAsString(TokenClaims.SCOPE);
		return new Caller(Objects.requireNonNull(jwt.getSubject()), uuid(jwt, TokenClaims.TENANT),
				uuid(jwt, TokenClaims.PARTNER), (roles != null) ? List.copyOf(roles) : List.of(),
				Objects.requireNonNull(jwt.getClaimAsString(TokenClaims.KIND)), uuid(jwt, TokenClaims.SESSION),
				(scope != null && !scope.isBlank()) ? List.of(scope.strip().split("\\s+")) : List.of());
	}

	/**
	 * The caller of the current request.
	 * @return the caller
	 * @throws IllegalStateException outside an authenticated request
	 */
	public static Caller current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken token) {
			return of(token.getToken());
		}
		throw new IllegalStateException("no authenticated caller");
	}

	/**
	 * Whether the caller holds a role.
	 * @param role one of {@link Roles}
	 * @return true if it does
	 */
	public boolean hasRole(String role) {
		return this.roles.contains(role);
	}

	/**
	 * Refuses an API key, or a service token for a tenant, that lacks a scope; users and
	 * platform services act with their role.
	 * @param scopes the scopes the endpoint accepts, any one of them, for example
	 * {@code tenants:write}
	 * @throws ApiException 403 {@code insufficient-scope}
	 */
	public void requireScope(String... scopes) {
		// an API key, and a service acting for a tenant (auth-service's service tokens),
		// do
		// only what their scopes say
		boolean scoped = TokenClaims.KIND_API_KEY.equals(this.kind)
				|| (TokenClaims.KIND_SERVICE.equals(this.kind) && this.tenantId != null);
		if (scoped && java.util.Arrays.stream(scopes).noneMatch(this.scopes::contains)) {
			throw ApiException.forbidden("insufficient-scope",
					"This " + (TokenClaims.KIND_API_KEY.equals(this.kind) ? "API key" : "service token")
							+ " lacks the scope " + String.join(" or ", scopes) + ".");
		}
	}

	/**
	 * The caller's tenant, for what belongs to a tenant (agents, workflows, provider
	 * keys): an API key must carry the scope, and a caller without a tenant is refused.
	 * @param scopes the scopes an API key needs for this call, any one of them
	 * @return the tenant id from the token
	 * @throws ApiException 403 {@code insufficient-scope} or {@code no-tenant}
	 */
	public UUID requireTenant(String... scopes) {
		requireScope(scopes);
		if (this.tenantId == null) {
			throw ApiException.forbidden("no-tenant", "This belongs to a tenant; sign in as one of its users.");
		}
		return this.tenantId;
	}

	/**
	 * Refuses anything but a signed-in user.
	 * @param what what only users may do, for the message
	 * @throws ApiException 403 {@code users-only}
	 */
	public void requireUser(String what) {
		if (!TokenClaims.KIND_USER.equals(this.kind)) {
			throw ApiException.forbidden("users-only", what + " is for signed-in users, not API keys.");
		}
	}

	/**
	 * The API key behind the call, when the caller is one (its token's subject is
	 * {@code apikey:<id>}).
	 * @return the key's id, or null for users and services
	 */
	public @Nullable UUID apiKeyId() {
		if (!TokenClaims.KIND_API_KEY.equals(this.kind) || !this.subject.startsWith("apikey:")) {
			return null;
		}
		try {
			return UUID.fromString(this.subject.substring("apikey:".length()));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * The caller's user id, when the caller is a user.
	 * @return the id, or null for API keys and services
	 */
	public @Nullable UUID userId() {
		return TokenClaims.KIND_USER.equals(this.kind) ? UUID.fromString(this.subject) : null;
	}

	private static @Nullable UUID uuid(Jwt jwt, String claim) {
		String value = jwt.getClaimAsString(claim);
		return (value != null) ? UUID.fromString(value) : null;
	}

}
