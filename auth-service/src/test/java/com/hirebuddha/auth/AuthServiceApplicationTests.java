package com.hirebuddha.auth;

import com.hirebuddha.auth.accounts.Users;
import com.hirebuddha.auth.sessions.Sessions;
import com.hirebuddha.commons.security.Roles;
import com.hirebuddha.commons.test.ServiceContractTests;
import com.hirebuddha.commons.test.ServiceTest;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * The service contract every service keeps, with a token this service issued itself.
 */
@ServiceTest
class AuthServiceApplicationTests extends ServiceContractTests {

	@Autowired
	private Users users;

	@Autowired
	private Sessions sessions;

	/**
	 * Users and invitations are found by email or token before any tenant is known
	 * (sign-in, sign-up, accepting an invitation); their queries are scoped in code.
	 */
	@Override
	protected java.util.Set<String> tablesOutsideTenantIsolation() {
		return java.util.Set.of("app_user", "invitation");
	}

	@Override
	protected String accessToken() {
		String email = "contract-" + java.util.UUID.randomUUID() + "@example.com";
		return this.sessions
			.start(this.users.create(new Users.NewUser(email, "Contract", Roles.PLATFORM_ADMIN, null, null), null,
					true))
			.accessToken();
	}

}
