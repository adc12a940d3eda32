package com.hirebuddha.billing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Billing's own settings ({@code hb.billing.*}); docs/operations.md lists them. The
 * clients' settings are records of their own ({@code hb.billing.auth.*},
 * {@code hb.billing.stripe.*}).
 *
 * @param paymentTerm how long after issue an invoice falls due
 * @param dunning what happens to overdue invoices
 */
@ConfigurationProperties("hb.billing")
public record BillingProperties(@DefaultValue("14d") Duration paymentTerm, @DefaultValue Dunning dunning) {

	/**
	 * Dunning.
	 *
	 * @param suspendAfter how long past due an unpaid invoice suspends its tenant
	 */
	public record Dunning(@DefaultValue("21d") Duration suspendAfter) {
	}

}
