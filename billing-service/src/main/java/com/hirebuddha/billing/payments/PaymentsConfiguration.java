package com.hirebuddha.billing.payments;

import java.util.Objects;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * The payment provider: Stripe when a secret key is configured
 * ({@code hb.billing.stripe.secret-key}, from {@code STRIPE_SECRET_KEY}); without one,
 * card payments answer 422 and admins record payments by hand.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StripeProperties.class)
class PaymentsConfiguration {

	@Bean
	@ConditionalOnExpression("!'${hb.billing.stripe.secret-key:}'.isBlank()")
	PaymentProvider stripe(RestClient.Builder builder, StripeProperties stripe) {
		return new StripePaymentProvider(stripe.configure(builder)
			.defaultHeader("Authorization",
					"Bearer " + Objects.requireNonNull(stripe.secretKey(), "the condition saw a secret key"))
			.build());
	}

}
