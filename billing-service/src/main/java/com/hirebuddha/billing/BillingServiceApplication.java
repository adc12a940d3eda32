package com.hirebuddha.billing;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The billing-service: rate cards, the immutable ledger, budgets, invoices and partner
 * earnings.
 */
@SpringBootApplication
@EnableScheduling
public class BillingServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(BillingServiceApplication.class, args);
	}

}
