package com.hirebuddha.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The auth service's settings ({@code hb.auth.*}); docs/security.md explains each.
 *
 * @param accessTokenTtl lifetime of an access token
 * @param refreshTokenTtl lifetime of one refresh token (idle timeout of a session)
 * @param sessionLifetime absolute end of a session, however often it is refreshed
 * @param signingKeyRotation age at which the signing key is replaced
 * @param keyEncryptionKey base64 of 32 bytes: AES-256-GCM key for signing keys at rest
 * @param apiKeyTokenTtl lifetime of the internal token an API key is exchanged for
 * @param verificationTtl lifetime of an email verification token
 * @param resetTtl lifetime of a password reset token
 * @param invitationTtl lifetime of an invitation
 * @param throttle login throttling
 * @param publicUrl the gateway's public address, for links and single sign-on redirects
 */
@ConfigurationProperties("hb.auth")
public record AuthProperties(@DefaultValue("15m") Duration accessTokenTtl, @DefaultValue("7d") Duration refreshTokenTtl,
		@DefaultValue("30d") Duration sessionLifetime, @DefaultValue("30d") Duration signingKeyRotation,
		String keyEncryptionKey, @DefaultValue("5m") Duration apiKeyTokenTtl,
		@DefaultValue("24h") Duration verificationTtl, @DefaultValue("30m") Duration resetTtl,
		@DefaultValue("7d") Duration invitationTtl, @DefaultValue Throttle throttle, String publicUrl) {

	/**
	 * Login throttling against password guessing.
	 *
	 * @param accountFailures failed sign-ins per account within the window before it
	 * locks
	 * @param addressFailures failed sign-ins per client address within the window
	 * @param window the counting window
	 * @param lockout how long a lock lasts
	 */
	public record Throttle(@DefaultValue("5") int accountFailures, @DefaultValue("50") int addressFailures,
			@DefaultValue("15m") Duration window, @DefaultValue("15m") Duration lockout) {

	}

}
