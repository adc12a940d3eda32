package com.hirebuddha.auth.accounts;

import java.time.Duration;

import com.hirebuddha.commons.client.Downstream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where tenants and partners are created and checked ({@code hb.auth.tenant-service.*};
 * the URL from {@code HB_TENANT_URL} in application.yml).
 *
 * @param url tenant-service's base URL
 * @param connectTimeout connecting to it
 * @param readTimeout waiting for its answer
 */
@ConfigurationProperties("hb.auth.tenant-service")
record TenantClientProperties(String url, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("5s") Duration readTimeout) implements Downstream {
}
