package com.hirebuddha.auth.accounts;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.hirebuddha.commons.security.Roles;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Seeds the local demo accounts that {@code make up} prints (a platform admin, a partner
 * admin with a demo partner, a tenant admin with a demo tenant), with the generated
 * passwords of {@code .hb/credentials.env}. Only when {@code hb.auth.demo.enabled};
 * retried every few seconds until tenant-service answers; idempotent, and resets a demo
 * account's password to the configured one.
 */
@Component
@ConditionalOnProperty(name = "hb.auth.demo.enabled", havingValue = "true")
@EnableConfigurationProperties(DemoAccounts.Settings.class)
class DemoAccounts {

	private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

	private final Settings settings;

	private final Users users;

	private final Passwords passwords;

	private final Registration registration;

	private final TenantClient tenants;

	private final AtomicBoolean done = new AtomicBoolean();

	DemoAccounts(Settings settings, Users users, Passwords passwords, Registration registration, TenantClient tenants) {
		this.settings = settings;
		this.users = users;
		this.passwords = passwords;
		this.registration = registration;
		this.tenants = tenants;
	}

	@Scheduled(initialDelayString = "PT2S", fixedDelayString = "PT5S")
	void seed() {
		if (this.done.get()) {
			return;
		}
		try {
			seed(this.settings.platformAdminEmail(), this.settings.platformAdminPassword(),
					() -> this.users.create(
							new Users.NewUser(this.settings.platformAdminEmail(), "Platform Admin",
									Roles.PLATFORM_ADMIN, null, null),
							this.passwords.hash(this.settings.platformAdminPassword()), true));
			seed(this.settings.partnerAdminEmail(), this.settings.partnerAdminPassword(),
					() -> this.users.create(
							new Users.NewUser(this.settings.partnerAdminEmail(), "Partner Admin", Roles.PARTNER_ADMIN,
									null, this.tenants.createPartner("Demo Partner")),
							this.passwords.hash(this.settings.partnerAdminPassword()), true));
			seed(this.settings.tenantAdminEmail(), this.settings.tenantAdminPassword(),
					() -> this.registration.registerWithNewTenant(
							new Users.NewUser(this.settings.tenantAdminEmail(), "Tenant Admin", Roles.TENANT_ADMIN,
									null, null),
							"Demo Tenant", this.passwords.hash(this.settings.tenantAdminPassword()), true));
			this.done.set(true);
			log.info("demo accounts are ready");
		}
		catch (RuntimeException ex) {
			log.info("demo accounts not seeded yet ({}); retrying", ex.getMessage());
		}
	}

	private void seed(String email, String password, Runnable create) {
		Users.StoredUser existing = this.users.findByEmail(email).orElse(null);
		if (existing == null) {
			create.run();
		}
		else if (!this.passwords.matches(password, existing.passwordHash())) {
			this.users.setPassword(existing.id(), this.passwords.hash(password));
		}
	}

	/**
	 * The demo accounts' emails and passwords ({@code hb.auth.demo.*}, from
	 * {@code .hb/credentials.env}).
	 *
	 * @param platformAdminEmail platform admin email
	 * @param platformAdminPassword platform admin password
	 * @param partnerAdminEmail partner admin email
	 * @param partnerAdminPassword partner admin password
	 * @param tenantAdminEmail tenant admin email
	 * @param tenantAdminPassword tenant admin password
	 */
	@ConfigurationProperties("hb.auth.demo")
	record Settings(String platformAdminEmail, String platformAdminPassword, String partnerAdminEmail,
			String partnerAdminPassword, String tenantAdminEmail, String tenantAdminPassword) {
	}

}
