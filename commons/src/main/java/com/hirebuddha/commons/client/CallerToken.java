package com.hirebuddha.commons.client;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/**
 * The access token of the caller this request runs for, to pass on to a peer that decides
 * in the caller's scope.
 */
public final class CallerToken {

	private CallerToken() {
	}

	/**
	 * The {@code Authorization} header value for the current caller.
	 * @return {@code Bearer <token>}
	 * @throws IllegalStateException outside an authenticated request
	 */
	public static String bearer() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> token) {
			return "Bearer " + token.getToken().getTokenValue();
		}
		throw new IllegalStateException("a call on behalf of the caller outside an authenticated request");
	}

}
