package com.hirebuddha.auth.services;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The services that may ask for tenant-scoped tokens ({@code hb.auth.service-clients.*}),
 * each with its secret and the scopes it may ask for.
 *
 * @param clients service name to its credential; a client without a secret cannot ask
 * @param tokenTtl how long a service token lives
 */
@ConfigurationProperties("hb.auth.service-clients")
public record ServiceClientProperties(@DefaultValue Map<String, Client> clients,
		@DefaultValue("2m") Duration tokenTtl) {

	/**
	 * One service's credential.
	 *
	 * @param secret its shared secret (at least 32 characters), from the environment
	 * @param scopes what its tokens may carry, for example {@code knowledge:read}
	 */
	public record Client(String secret, @DefaultValue List<String> scopes) {
	}

}
