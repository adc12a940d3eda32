package com.hirebuddha.billing.directory;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where billing asks auth-service about API keys ({@code hb.billing.auth.*}).
 *
 * @param url auth-service's base URL
 * @param connectTimeout connecting to it
 * @param readTimeout waiting for its answer
 */
@ConfigurationProperties("hb.billing.auth")
record AuthClientProperties(@DefaultValue("http://127.0.0.1:8081") String url,
		@DefaultValue("1s") Duration connectTimeout, @DefaultValue("3s") Duration readTimeout) {
}
