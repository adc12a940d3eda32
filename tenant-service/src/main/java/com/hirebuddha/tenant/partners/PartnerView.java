package com.hirebuddha.tenant.partners;

import java.time.Instant;
import java.util.UUID;

/**
 * A partner as the API shows it.
 *
 * @param id the partner id
 * @param name the display name
 * @param status {@code ACTIVE}, {@code SUSPENDED} or {@code CLOSED}
 * @param createdAt when it was created
 */
public record PartnerView(UUID id, String name, String status, Instant createdAt) {
}
