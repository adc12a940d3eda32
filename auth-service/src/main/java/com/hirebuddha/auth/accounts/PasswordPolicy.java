package com.hirebuddha.auth.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import com.hirebuddha.commons.web.ApiException;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * What a password must be (OWASP ASVS 2.1): 12 to 128 characters, any characters allowed,
 * not one of the 30,000 most common breached passwords, and not the account's own email.
 */
@Component
class PasswordPolicy {

	static final int MIN_LENGTH = 12;

	static final int MAX_LENGTH = 128;

	private final Set<String> common;

	PasswordPolicy() {
		this.common = load();
	}

	void check(String password, String email) {
		int length = password.codePointCount(0, password.length());
		if (length < MIN_LENGTH || length > MAX_LENGTH) {
			throw ApiException.invalid("weak-password",
					"A password needs " + MIN_LENGTH + " to " + MAX_LENGTH + " characters; a passphrase works well.");
		}
		String lower = password.toLowerCase(Locale.ROOT);
		if (this.common.contains(lower) || lower.equals(email.toLowerCase(Locale.ROOT))
				|| lower.chars().distinct().count() < 4) {
			throw ApiException.invalid("weak-password",
					"This password is too common or too easy to guess; choose another one.");
		}
	}

	private static Set<String> load() {
		Set<String> passwords = new HashSet<>(40_000);
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(
				new ClassPathResource("passwords/common-passwords.txt").getInputStream(), StandardCharsets.UTF_8))) {
			reader.lines().map(String::strip).filter((line) -> !line.isEmpty()).forEach(passwords::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("the common-password list is missing from the build", ex);
		}
		return Set.copyOf(passwords);
	}

}
