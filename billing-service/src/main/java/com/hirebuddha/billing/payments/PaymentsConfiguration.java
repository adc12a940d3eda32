package com.hirebuddha.billing.payments;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The payment provider: Stripe when a secret key is configured
 * ({@code hb.billing.stripe.secret-key}, from {@code STRIPE_SECRET_KEY}); without one,
 * card payments answer 422 and admins record payments by hand.
 */
@Configuration(proxyBeanMethods = false)
class PaymentsConfiguration {

	@Bean
	@ConditionalOnExpression("!'${hb.billing.stripe.secret-key:}'.isBlank()")
	PaymentProvider stripe(@Value("${hb.billing.stripe.base-url:https://api.stripe.com}") String baseUrl,
			@Value("${hb.billing.stripe.secret-key}") String secretKey) {
		return new StripePaymentProvider(baseUrl, secretKey);
	}

}
