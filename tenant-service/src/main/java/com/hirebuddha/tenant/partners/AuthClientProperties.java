package com.hirebuddha.tenant.partners;

import java.time.Duration;

import com.hirebuddha.commons.client.Downstream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a tenant's first admin is created ({@code hb.tenant.auth.*}; the URL from
 * {@code HB_AUTH_URL} in application.yml).
 *
 * @param url auth-service's base URL
 * @param connectTimeout connecting to it
 * @param readTimeout waiting for its answer (it may send an invitation email)
 */
@ConfigurationProperties("hb.tenant.auth")
record AuthClientProperties(String url, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("10s") Duration readTimeout) implements Downstream {
}
