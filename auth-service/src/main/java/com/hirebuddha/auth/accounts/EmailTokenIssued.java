package com.hirebuddha.auth.accounts;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Payload of the events that ask the notification service to email a single-use link:
 * {@value #VERIFY_EMAIL}, {@value #RESET_PASSWORD} and {@value #INVITATION}; keyed by
 * user (or invitation) id. The link is the only copy of the token outside the recipient's
 * mailbox; the database holds its hash (docs/security.md).
 *
 * @param userId the user, or null for an invitation
 * @param tenantId the tenant, if any
 * @param email where to send it
 * @param name how to greet the recipient
 * @param link the single-use link
 * @param expiresAt when the link stops working
 */
public record EmailTokenIssued(@Nullable UUID userId, @Nullable UUID tenantId, String email, String name, String link,
		Instant expiresAt) {

	/** Verify the email address. */
	public static final String VERIFY_EMAIL = "hirebuddha.auth.email-verification-requested.v1";

	/** Reset the password. */
	public static final String RESET_PASSWORD = "hirebuddha.auth.password-reset-requested.v1";

	/** Join a tenant. */
	public static final String INVITATION = "hirebuddha.auth.invitation-created.v1";

}
