package com.hirebuddha.orchestration.executions;

import java.time.Duration;

import com.hirebuddha.commons.client.Downstream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where budget reservations go ({@code hb.orchestration.billing.*}; the URL from
 * {@code HB_BILLING_URL} in application.yml). Short timeouts: a slow billing must not
 * hold requests.
 *
 * @param url billing-service's base URL
 * @param connectTimeout connecting to it
 * @param readTimeout waiting for its answer
 */
@ConfigurationProperties("hb.orchestration.billing")
record BillingClientProperties(String url, @DefaultValue("1s") Duration connectTimeout,
		@DefaultValue("3s") Duration readTimeout) implements Downstream {
}
