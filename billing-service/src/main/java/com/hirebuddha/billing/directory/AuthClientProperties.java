package com.hirebuddha.billing.directory;

import java.time.Duration;

import com.hirebuddha.commons.client.Downstream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where billing asks auth-service about API keys ({@code hb.billing.auth.*}; the URL from
 * {@code HB_AUTH_URL} in application.yml).
 *
 * @param url auth-service's base URL
 * @param connectTimeout connecting to it
 * @param readTimeout waiting for its answer
 */
@ConfigurationProperties("hb.billing.auth")
record AuthClientProperties(String url, @DefaultValue("1s") Duration connectTimeout,
		@DefaultValue("3s") Duration readTimeout) implements Downstream {
}
