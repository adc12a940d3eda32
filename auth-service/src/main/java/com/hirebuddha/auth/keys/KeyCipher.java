package com.hirebuddha.auth.keys;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for private keys at rest: a random 96-bit nonce is stored before the
 * ciphertext, and the key id is bound as associated data so rows cannot be swapped.
 */
final class KeyCipher {

	private static final int NONCE_BYTES = 12;

	private final SecretKeySpec key;

	private final SecureRandom random = new SecureRandom();

	KeyCipher(String base64Key) {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(base64Key.strip());
		}
		catch (IllegalArgumentException ex) {
			bytes = new byte[0];
		}
		if (bytes.length != 32) {
			throw new IllegalStateException("hb.auth.key-encryption-key (HB_AUTH_KEY_ENCRYPTION_KEY) must be the "
					+ "base64 of 32 random bytes, for example the output of `openssl rand -base64 32`");
		}
		this.key = new SecretKeySpec(bytes, "AES");
	}

	byte[] encrypt(byte[] plain, String keyId) {
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			this.random.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(128, nonce));
			cipher.updateAAD(keyId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plain);
			return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot encrypt a signing key", ex);
		}
	}

	byte[] decrypt(byte[] stored, String keyId) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(128, stored, 0, NONCE_BYTES));
			cipher.updateAAD(keyId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("signing key " + keyId
					+ " cannot be decrypted: is hb.auth.key-encryption-key the key it was stored with?", ex);
		}
	}

}
