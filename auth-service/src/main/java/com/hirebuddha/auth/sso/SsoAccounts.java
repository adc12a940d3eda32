package com.hirebuddha.auth.sso;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.hirebuddha.auth.Sql;
import com.hirebuddha.auth.Secrets;
import com.hirebuddha.auth.accounts.Invitations;
import com.hirebuddha.auth.accounts.Registration;
import com.hirebuddha.auth.accounts.Users;
import com.hirebuddha.auth.sessions.Principal;
import com.hirebuddha.commons.security.Roles;
import com.hirebuddha.commons.web.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a provider's verified identity into a local user: a linked identity signs in as
 * its user; otherwise a local account with the same provider-verified email is linked, if
 * that account proved its mailbox too; otherwise a pending invitation places the newcomer
 * in its tenant; otherwise the newcomer signs up a tenant of their own.
 */
@Service
class SsoAccounts {

	private static final Duration CODE_TTL = Duration.ofSeconds(60);

	private final JdbcClient jdbc;

	private final Users users;

	private final Invitations invitations;

	private final Registration registration;

	private final Clock clock;

	SsoAccounts(JdbcClient jdbc, Users users, Invitations invitations, Registration registration, Clock clock) {
		this.jdbc = jdbc;
		this.users = users;
		this.invitations = invitations;
		this.registration = registration;
		this.clock = clock;
	}

	Principal signIn(Identity identity) {
		Optional<Principal> linked = this.jdbc
			.sql("select user_id from sso_identity where issuer = :issuer and subject = :subject")
			.param("issuer", identity.issuer())
			.param("subject", identity.subject())
			.query(UUID.class)
			.optional()
			.flatMap(this.users::findById)
			.map(Users.StoredUser::principal);
		if (linked.isPresent()) {
			return linked.get();
		}
		String email = identity.email();
		if (!identity.emailVerified() || email == null) {
			throw new Refused("email-unverified");
		}
		Optional<Users.StoredUser> local = this.users.findByEmail(email);
		if (local.isPresent() && !local.get().emailVerified()) {
			// whoever registered this email never proved the mailbox: it may be a
			// squatter waiting for the real owner to sign in; the owner resets the
			// password first
			throw new Refused("account-unverified");
		}
		Principal user = local.map(Users.StoredUser::principal)
			.or(() -> this.invitations.acceptFor(email, identity.name()))
			.orElseGet(() -> this.registration.registerWithNewTenant(
					new Users.NewUser(email, identity.name(), Roles.TENANT_ADMIN, null, null),
					identity.name() + "'s workspace", null, true));
		link(identity, user.userId());
		return user;
	}

	@Transactional
	String issueCode(UUID userId, String browserBinding) {
		String code = Secrets.generate("hbc_");
		this.jdbc
			.sql("insert into sso_code (code_hash, user_id, expires_at, binding_hash) "
					+ "values (:hash, :user, :expires, :binding)")
			.param("hash", Secrets.hash(code))
			.param("binding", Secrets.hash(browserBinding))
			.param("user", userId)
			.param("expires", Sql.timestamp(this.clock.instant().plus(CODE_TTL)))
			.update();
		return code;
	}

	@Transactional
	Principal redeem(String code, String browserBinding) {
		Instant now = this.clock.instant();
		UUID userId = this.jdbc
			.sql("update sso_code set used_at = :now where code_hash = :hash and binding_hash = :binding "
					+ "and used_at is null and expires_at > :now returning user_id")
			.param("now", Sql.timestamp(now))
			.param("hash", Secrets.hash(code))
			.param("binding", Secrets.hash(browserBinding))
			.query(UUID.class)
			.optional()
			.orElseThrow(() -> ApiException.unauthorized("invalid-sso-code",
					"This sign-in code is invalid, expired or used; sign in again."));
		return this.users.findById(userId)
			.map(Users.StoredUser::principal)
			.orElseThrow(() -> ApiException.unauthorized("invalid-sso-code", "The account no longer exists."));
	}

	private void link(Identity identity, UUID userId) {
		this.jdbc.sql(
				"insert into sso_identity (issuer, subject, user_id, created_at) values (:issuer, :subject, :user, :now) "
						+ "on conflict do nothing")
			.param("issuer", identity.issuer())
			.param("subject", identity.subject())
			.param("user", userId)
			.param("now", Sql.timestamp(this.clock.instant()))
			.update();
	}

	/**
	 * The identity cannot be placed; the slug goes back to the console as
	 * {@code sso_error}.
	 */
	static final class Refused extends RuntimeException {

		private final String slug;

		Refused(String slug) {
			super(slug, null, false, false);
			this.slug = slug;
		}

		String slug() {
			return this.slug;
		}

	}

	record Identity(String issuer, String subject, @org.jspecify.annotations.Nullable String email,
			boolean emailVerified, String name) {
	}

}
