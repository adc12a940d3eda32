package com.hirebuddha.auth.accounts;

import java.util.Optional;

import com.hirebuddha.auth.sessions.Sessions;
import com.hirebuddha.auth.sessions.TokenResponse;
import com.hirebuddha.commons.web.ApiException;

import org.springframework.stereotype.Service;

/**
 * Signs in with email and password: throttled per account and per client address, the
 * same answer for an unknown email and a wrong password, the same work for both.
 */
@Service
class PasswordLogin {

	private final Users users;

	private final Passwords passwords;

	private final LoginThrottle throttle;

	private final Sessions sessions;

	PasswordLogin(Users users, Passwords passwords, LoginThrottle throttle, Sessions sessions) {
		this.users = users;
		this.passwords = passwords;
		this.throttle = throttle;
		this.sessions = sessions;
	}

	TokenResponse login(Requests.Login request, String clientAddress) {
		this.throttle.attempt(request.email(), clientAddress);
		Optional<Users.StoredUser> user = this.users.findByEmail(request.email());
		if (!this.passwords.matches(request.password(), user.map(Users.StoredUser::passwordHash).orElse(null))) {
			throw ApiException.unauthorized("invalid-credentials", "The email or the password is wrong.");
		}
		this.throttle.succeeded(request.email(), clientAddress);
		return this.sessions.start(user.get().principal());
	}

}
