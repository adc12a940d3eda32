package com.hirebuddha.worker.providers;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The worker's provider settings ({@code hb.worker.*}).
 *
 * @param credentialKeys the keyring for tenants' provider keys
 * @param providers platform-wide provider settings, by provider id
 */
@ConfigurationProperties("hb.worker")
public record WorkerProperties(@DefaultValue CredentialKeys credentialKeys,
		@DefaultValue Map<String, Provider> providers) {

	/**
	 * AES-256 keys by id; the active one encrypts, all of them decrypt.
	 *
	 * @param active the id of the key that encrypts
	 * @param keys base64 of 32 bytes, by id
	 */
	public record CredentialKeys(@DefaultValue("k1") String active, @DefaultValue Map<String, String> keys) {
	}

	/**
	 * A provider's platform-wide settings.
	 *
	 * @param apiKey the platform's key, if it provides one
	 * @param baseUrl where the provider answers, if not its default
	 */
	public record Provider(@Nullable String apiKey, @Nullable String baseUrl) {

		/**
		 * Whether the platform has a key or an address for this provider.
		 * @return true if calls can go out with the platform's settings
		 */
		public boolean configured() {
			return (this.apiKey != null && !this.apiKey.isBlank()) || (this.baseUrl != null && !this.baseUrl.isBlank());
		}

	}

}
