package com.hirebuddha.billing;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The billing-service: rate cards, the immutable ledger, budgets, invoices and partner
 * earnings.
 */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(BillingProperties.class)
public class BillingServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(BillingServiceApplication.class, args);
	}

}
