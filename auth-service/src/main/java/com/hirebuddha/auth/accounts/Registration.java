package com.hirebuddha.auth.accounts;

import java.util.UUID;

import com.hirebuddha.auth.sessions.Principal;
import com.hirebuddha.commons.security.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Self-serve sign-up across two services: the tenant is created in tenant-service first
 * (synchronously), then the first user here; when the second half fails, the tenant is
 * closed again (the compensating step), so no tenant is left without an owner.
 */
@Service
public class Registration {

	private static final Logger log = LoggerFactory.getLogger(Registration.class);

	private final TenantClient tenants;

	private final Users users;

	private final Passwords passwords;

	private final PasswordPolicy policy;

	private final EmailTokens emailTokens;

	private final TransactionTemplate transactions;

	Registration(TenantClient tenants, Users users, Passwords passwords, PasswordPolicy policy, EmailTokens emailTokens,
			TransactionTemplate transactions) {
		this.tenants = tenants;
		this.users = users;
		this.passwords = passwords;
		this.policy = policy;
		this.emailTokens = emailTokens;
		this.transactions = transactions;
	}

	Views.Registered register(Requests.Register request) {
		this.policy.check(request.password(), request.email());
		if (this.users.exists(request.email())) {
			throw Users.emailTaken();
		}
		String hash = this.passwords.hash(request.password());
		Principal owner = registerWithNewTenant(
				new Users.NewUser(request.email(), request.name(), Roles.TENANT_ADMIN, null, null),
				request.companyName().strip(), hash, false);
		return new Views.Registered(owner.userId(), java.util.Objects.requireNonNull(owner.tenantId()));
	}

	/**
	 * Adds an admin with a password to an existing tenant; the email is verified later.
	 * @param request the admin
	 * @return the admin
	 */
	Principal addAdmin(Requests.TenantAdmin request) {
		this.policy.check(java.util.Objects.requireNonNull(request.password()), request.email());
		String hash = this.passwords.hash(request.password());
		return this.transactions.execute((status) -> {
			Principal admin = this.users.create(
					new Users.NewUser(request.email(), request.name(), Roles.TENANT_ADMIN, request.tenantId(), null),
					hash, false);
			this.emailTokens.requestVerification(admin.userId(), request.email(), request.name(), request.tenantId());
			return admin;
		});
	}

	/**
	 * Creates a tenant and its first admin; closes the tenant again if the user cannot be
	 * created.
	 * @param user the admin to create (its tenant is filled in)
	 * @param companyName the tenant's name
	 * @param passwordHash the admin's password hash, or null for single sign-on
	 * @param emailVerified whether the email is already proven
	 * @return the admin
	 */
	public Principal registerWithNewTenant(Users.NewUser user, String companyName,
			@org.jspecify.annotations.Nullable String passwordHash, boolean emailVerified) {
		UUID tenantId = this.tenants.create(companyName);
		try {
			return this.transactions.execute((status) -> {
				Principal owner = this.users.create(
						new Users.NewUser(user.email(), user.name(), user.role(), tenantId, user.partnerId()),
						passwordHash, emailVerified);
				if (!emailVerified) {
					this.emailTokens.requestVerification(owner.userId(), user.email(), user.name(), tenantId);
				}
				return owner;
			});
		}
		catch (RuntimeException ex) {
			compensate(tenantId);
			throw ex;
		}
	}

	private void compensate(UUID tenantId) {
		try {
			this.tenants.close(tenantId, "registration failed: its first user could not be created");
			log.info("closed tenant {}: its registration failed", tenantId);
		}
		catch (RuntimeException ex) {
			// the tenant stays ACTIVE without an owner: an operator closes it
			// (docs/operations.md)
			log.error("registration of tenant {} failed and closing it failed too; close it by hand", tenantId, ex);
		}
	}

}
