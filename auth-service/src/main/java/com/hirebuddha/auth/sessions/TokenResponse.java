package com.hirebuddha.auth.sessions;

/**
 * What a successful sign-in or refresh returns.
 *
 * @param accessToken the ES256 JWT to send as {@code Authorization: Bearer}
 * @param refreshToken the opaque token that buys the next access token, once
 * @param tokenType always {@code Bearer}
 * @param expiresIn seconds until the access token expires
 */
public record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn) {
}
