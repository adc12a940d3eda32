package com.hirebuddha.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random secrets and their stored form. Every secret made here carries 256 bits of
 * entropy, so a plain SHA-256 is a safe way to store and look it up (passwords, chosen by
 * people, use Argon2id instead).
 */
public final class Secrets {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Secrets() {
	}

	/**
	 * A new random secret.
	 * @param prefix what it is, for example {@code hbr_} for a refresh token, so leaked
	 * secrets are recognisable by scanners
	 * @return prefix plus 43 base64url characters
	 */
	public static String generate(String prefix) {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * The stored form of a secret.
	 * @param secret the secret as the client holds it
	 * @return its SHA-256
	 */
	public static byte[] hash(String secret) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
