package com.hirebuddha.auth.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.hirebuddha.auth.Sql;
import com.hirebuddha.auth.AuthProperties;
import com.hirebuddha.auth.Secrets;
import com.hirebuddha.auth.sessions.Principal;
import com.hirebuddha.commons.events.EventPublisher;
import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.web.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Invitations into a tenant: a tenant admin invites an email with a role; the invitee
 * accepts with a password through the emailed link, or signs in with single sign-on using
 * the invited email.
 */
@Service
public class Invitations {

	private final JdbcClient jdbc;

	private final EventPublisher events;

	private final Users users;

	private final Passwords passwords;

	private final PasswordPolicy policy;

	private final AuthProperties properties;

	private final Clock clock;

	Invitations(JdbcClient jdbc, EventPublisher events, Users users, Passwords passwords, PasswordPolicy policy,
			AuthProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.users = users;
		this.passwords = passwords;
		this.policy = policy;
		this.properties = properties;
		this.clock = clock;
	}

	@Transactional
	Views.Invitation invite(Caller caller, Requests.Invite request) {
		UUID tenantId = caller.tenantId();
		if (tenantId == null) {
			throw ApiException.forbidden("no-tenant", "Only a tenant's admin invites users into it.");
		}
		return invite(tenantId, request, UUID.fromString(caller.subject()));
	}

	@Transactional
	Views.Invitation invite(UUID tenantId, Requests.Invite request, UUID invitedBy) {
		if (this.users.exists(request.email())) {
			throw Users.emailTaken();
		}
		Instant now = this.clock.instant();
		Instant expires = now.plus(this.properties.invitationTtl());
		UUID id = UUID.randomUUID();
		String token = Secrets.generate("hbi_");
		this.jdbc.sql("""
				insert into invitation (id, token_hash, tenant_id, email, role, invited_by, created_at, expires_at)
				values (:id, :hash, :tenant, :email, :role, :by, :now, :expires)
				""")
			.param("id", id)
			.param("hash", Secrets.hash(token))
			.param("tenant", tenantId)
			.param("email", Users.normalize(request.email()))
			.param("role", request.role())
			.param("by", invitedBy)
			.param("now", Sql.timestamp(now))
			.param("expires", Sql.timestamp(expires))
			.update();
		String link = this.properties.publicUrl() + "/?invitation=" + token;
		this.events.publish(new EmailTokenIssued(null, tenantId, Users.normalize(request.email()), request.email(),
				link, expires, EmailTokenIssued.INVITATION, id));
		return new Views.Invitation(id, Users.normalize(request.email()), request.role(), expires);
	}

	@Transactional
	Principal accept(Requests.AcceptInvitation request) {
		Pending pending = claim("token_hash = :key", Secrets.hash(request.token()))
			.orElseThrow(() -> ApiException.invalid("invalid-token", "This invitation is invalid, expired or used."));
		this.policy.check(request.password(), pending.email());
		return this.users.create(
				new Users.NewUser(pending.email(), request.name(), pending.role(), pending.tenantId(), null),
				this.passwords.hash(request.password()), true);
	}

	/**
	 * Uses the pending invitation of an email, if there is one, to create its user: the
	 * path by which a single-sign-on newcomer joins an existing tenant.
	 * @param email the email the identity provider vouched for
	 * @param name the display name
	 * @return the new user, if the email was invited
	 */
	@Transactional
	public Optional<Principal> acceptFor(String email, String name) {
		return claim(
				"lower(email) = :key and id = (select id from invitation where lower(email) = :key "
						+ "and accepted_at is null and expires_at > :now order by created_at desc limit 1)",
				Users.normalize(email))
			.map((pending) -> this.users.create(
					new Users.NewUser(pending.email(), name, pending.role(), pending.tenantId(), null), null, true));
	}

	private Optional<Pending> claim(String condition, Object key) {
		return this.jdbc
			.sql("update invitation set accepted_at = :now where " + condition
					+ " and accepted_at is null and expires_at > :now returning tenant_id, email, role")
			.param("now", Sql.timestamp(this.clock.instant()))
			.param("key", key)
			.query((rs, n) -> new Pending(Objects.requireNonNull(rs.getObject("tenant_id", UUID.class)),
					rs.getString("email"), rs.getString("role")))
			.optional();
	}

	private record Pending(UUID tenantId, String email, String role) {
	}

}
