package com.hirebuddha.commons.security;

import java.util.List;

/**
 * Names and values of the platform's access-token claims (docs/security.md).
 */
public final class TokenClaims {

	/** JOSE header {@code typ} of every access token (RFC 9068). */
	public static final String HEADER_TYPE = "at+jwt";

	/** Tenant id. */
	public static final String TENANT = "tid";

	/** Partner id. */
	public static final String PARTNER = "pid";

	/** Role names. */
	public static final String ROLES = "roles";

	/** What the token stands for: one of {@link #KINDS}. */
	public static final String KIND = "typ";

	/** The login session (refresh-token family) a user token belongs to. */
	public static final String SESSION = "sid";

	/** The API key an exchanged token stands for. */
	public static final String API_KEY = "akid";

	/** Requests per minute allowed for the API key. */
	public static final String RATE_LIMIT = "rlm";

	/** Space-separated scopes (RFC 9068). */
	public static final String SCOPE = "scope";

	/** A user signed in with a password or single sign-on. */
	public static final String KIND_USER = "user";

	/** Exchanged by the gateway for an {@code X-API-Key}. */
	public static final String KIND_API_KEY = "api-key";

	/** A platform service acting on its own behalf. */
	public static final String KIND_SERVICE = "service";

	/** Every accepted {@link #KIND}. */
	public static final List<String> KINDS = List.of(KIND_USER, KIND_API_KEY, KIND_SERVICE);

	private TokenClaims() {
	}

}
