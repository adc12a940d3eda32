package com.hirebuddha.worker.providers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * AES-256-GCM with a keyring: encrypts with the active key and records its id; decrypts
 * with whichever key a value names, so the key rotates without a migration. The tenant
 * and provider are bound as associated data, so a ciphertext cannot be moved to another
 * row.
 */
@Component
class CredentialCipher {

	private static final int NONCE_BYTES = 12;

	private final Map<String, SecretKeySpec> keys = new HashMap<>();

	private final String active;

	private final SecureRandom random = new SecureRandom();

	CredentialCipher(WorkerProperties properties) {
		properties.credentialKeys().keys().forEach((id, base64) -> {
			if (base64 != null && !base64.isBlank()) {
				byte[] bytes = Base64.getDecoder().decode(base64.strip());
				if (bytes.length != 32) {
					throw new IllegalStateException("hb.worker.credential-keys.keys." + id
							+ " must be the base64 of 32 random bytes (openssl rand -base64 32)");
				}
				this.keys.put(id, new SecretKeySpec(bytes, "AES"));
			}
		});
		this.active = properties.credentialKeys().active();
		if (!this.keys.containsKey(this.active)) {
			throw new IllegalStateException("hb.worker.credential-keys: the active key " + this.active
					+ " is not configured (HB_WORKER_CREDENTIAL_KEY)");
		}
	}

	String activeKeyId() {
		return this.active;
	}

	byte[] encrypt(String secret, String context) {
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			this.random.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.keys.get(this.active), new GCMParameterSpec(128, nonce));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot encrypt a provider key", ex);
		}
	}

	String decrypt(String keyId, byte[] stored, String context) {
		SecretKeySpec key = this.keys.get(keyId);
		if (key == null) {
			throw new IllegalStateException("provider key encrypted with " + keyId + ", which is no longer configured");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, stored, 0, NONCE_BYTES));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			return new String(cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("a provider key cannot be decrypted", ex);
		}
	}

}
