package com.hirebuddha.billing.payments;

import java.time.Duration;

import com.hirebuddha.commons.client.Downstream;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Stripe ({@code hb.billing.stripe.*}): card payments are on when a secret key is set.
 *
 * @param baseUrl Stripe's API, or a test double's
 * @param secretKey the secret key (from {@code STRIPE_SECRET_KEY}; never logged)
 * @param connectTimeout connecting to Stripe
 * @param readTimeout waiting for a charge's answer
 */
@ConfigurationProperties("hb.billing.stripe")
record StripeProperties(@DefaultValue("https://api.stripe.com") String baseUrl, @Nullable String secretKey,
		@DefaultValue("3s") Duration connectTimeout, @DefaultValue("20s") Duration readTimeout) implements Downstream {

	@Override
	public String url() {
		return this.baseUrl;
	}

	@Override
	public String toString() {
		// the secret key stays out of logs and failure analyses
		return "StripeProperties[baseUrl=" + this.baseUrl + ", secretKey=" + ((this.secretKey != null) ? "***" : null)
				+ ", connectTimeout=" + this.connectTimeout + ", readTimeout=" + this.readTimeout + "]";
	}

}
