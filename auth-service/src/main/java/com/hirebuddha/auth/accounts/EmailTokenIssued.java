package com.hirebuddha.auth.accounts;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.hirebuddha.commons.events.Event;
import com.hirebuddha.commons.events.Topics;
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
 * @param type which of the three it is (the envelope's type, not in the payload)
 * @param subject the user or invitation the link is for: the partition key (not in the
 * payload)
 */
public record EmailTokenIssued(@Nullable UUID userId, @Nullable UUID tenantId, String email, String name, String link,
		Instant expiresAt, @JsonIgnore String type, @JsonIgnore UUID subject) implements Event {

	/** Verify the email address. */
	public static final String VERIFY_EMAIL = "hirebuddha.auth.email-verification-requested.v1";

	/** Reset the password. */
	public static final String RESET_PASSWORD = "hirebuddha.auth.password-reset-requested.v1";

	/** Join a tenant. */
	public static final String INVITATION = "hirebuddha.auth.invitation-created.v1";

	@Override
	public String topic() {
		return Topics.AUTH_EVENTS;
	}

	@Override
	public String key() {
		return this.subject.toString();
	}

	@Override
	public @Nullable UUID tenant() {
		return this.tenantId;
	}

}
