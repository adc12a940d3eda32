package com.hirebuddha.auth.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import com.hirebuddha.auth.Sql;
import com.hirebuddha.auth.sessions.Principal;
import com.hirebuddha.commons.events.EventPublisher;
import com.hirebuddha.commons.web.ApiException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores users; every new user is announced on {@code auth.events}.
 */
@Service
public class Users {

	private final JdbcClient jdbc;

	private final EventPublisher events;

	private final Clock clock;

	Users(JdbcClient jdbc, EventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Creates a user.
	 * @param user who
	 * @param passwordHash Argon2id hash, or null for single-sign-on-only users
	 * @param emailVerified whether the email is already proven (invitation, trusted
	 * provider)
	 * @return the user as a token principal
	 * @throws ApiException 409 when the email is taken
	 */
	@Transactional
	public Principal create(NewUser user, @Nullable String passwordHash, boolean emailVerified) {
		Instant now = this.clock.instant();
		UUID id = UUID.randomUUID();
		try {
			this.jdbc.sql("""
					insert into app_user (id, email, name, password_hash, role, tenant_id, partner_id,
					                      email_verified_at, created_at, updated_at)
					values (:id, :email, :name, :hash, :role, :tenant, :partner, :verified, :now, :now)
					""")
				.param("id", id)
				.param("email", normalize(user.email()))
				.param("name", user.name().strip())
				.param("hash", passwordHash)
				.param("role", user.role())
				.param("tenant", user.tenantId())
				.param("partner", user.partnerId())
				.param("verified", Sql.timestamp(emailVerified ? now : null))
				.param("now", Sql.timestamp(now))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw emailTaken();
		}
		this.events.publish(new UserRegistered(id, user.tenantId(), user.partnerId(), user.role(),
				normalize(user.email()), user.name().strip(), now));
		return new Principal(id, user.role(), user.tenantId(), user.partnerId());
	}

	/**
	 * Finds a user by email, case-insensitively.
	 * @param email the email
	 * @return the user, if any
	 */
	@Transactional(readOnly = true)
	public Optional<StoredUser> findByEmail(String email) {
		return this.jdbc.sql(SELECT + " where lower(email) = :email")
			.param("email", normalize(email))
			.query(Users::map)
			.optional();
	}

	/**
	 * Finds a user by id.
	 * @param id the id
	 * @return the user, if any
	 */
	@Transactional(readOnly = true)
	public Optional<StoredUser> findById(UUID id) {
		return this.jdbc.sql(SELECT + " where id = :id").param("id", id).query(Users::map).optional();
	}

	boolean exists(String email) {
		return this.jdbc.sql("select count(*) from app_user where lower(email) = :email")
			.param("email", normalize(email))
			.query(Long.class)
			.single() > 0;
	}

	void setPassword(UUID userId, String passwordHash) {
		this.jdbc.sql("update app_user set password_hash = :hash, updated_at = :now where id = :id")
			.param("hash", passwordHash)
			.param("now", Sql.timestamp(this.clock.instant()))
			.param("id", userId)
			.update();
	}

	void markVerified(UUID userId) {
		this.jdbc
			.sql("update app_user set email_verified_at = coalesce(email_verified_at, :now), updated_at = :now "
					+ "where id = :id")
			.param("now", Sql.timestamp(this.clock.instant()))
			.param("id", userId)
			.update();
	}

	static String normalize(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

	static ApiException emailTaken() {
		return ApiException.conflict("email-taken", "An account with this email already exists; sign in instead.");
	}

	private static final String SELECT = "select id, email, name, password_hash, role, tenant_id, partner_id, "
			+ "email_verified_at from app_user";

	private static StoredUser map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new StoredUser(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("name"),
				rs.getString("password_hash"), rs.getString("role"), rs.getObject("tenant_id", UUID.class),
				rs.getObject("partner_id", UUID.class), rs.getTimestamp("email_verified_at") != null);
	}

	/**
	 * A user to create.
	 *
	 * @param email the sign-in email
	 * @param name the display name
	 * @param role the role
	 * @param tenantId the tenant, if any
	 * @param partnerId the partner, if any
	 */
	public record NewUser(String email, String name, String role, @Nullable UUID tenantId, @Nullable UUID partnerId) {
	}

	/**
	 * A stored user.
	 *
	 * @param id the id
	 * @param email the email, lower case
	 * @param name the display name
	 * @param passwordHash the Argon2id hash, if the user has a password
	 * @param role the role
	 * @param tenantId the tenant, if any
	 * @param partnerId the partner, if any
	 * @param emailVerified whether the email is proven
	 */
	public record StoredUser(UUID id, String email, String name, @Nullable String passwordHash, String role,
			@Nullable UUID tenantId, @Nullable UUID partnerId, boolean emailVerified) {

		/**
		 * The user as a token principal.
		 * @return the principal
		 */
		public Principal principal() {
			return new Principal(this.id, this.role, this.tenantId, this.partnerId);
		}

	}

}
