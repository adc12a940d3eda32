package com.hirebuddha.tenant.partners;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A partner as the API shows it.
 *
 * @param id the partner id
 * @param name the display name
 * @param status {@code ACTIVE} or {@code SUSPENDED}
 * @param statusReason why it is suspended, if it is
 * @param createdAt when it was created
 */
public record PartnerView(UUID id, String name, String status, @Nullable String statusReason, Instant createdAt) {
}
