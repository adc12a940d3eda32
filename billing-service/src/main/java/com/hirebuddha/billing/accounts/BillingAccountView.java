package com.hirebuddha.billing.accounts;

import java.time.Instant;
import java.util.UUID;

/**
 * A tenant's billing account.
 *
 * @param tenantId the tenant
 * @param tenantName the tenant's name when the account was opened
 * @param currency the currency it is billed in
 * @param openedAt when it was opened
 */
public record BillingAccountView(UUID tenantId, String tenantName, String currency, Instant openedAt) {
}
