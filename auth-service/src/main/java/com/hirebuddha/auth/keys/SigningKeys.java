package com.hirebuddha.auth.keys;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.hirebuddha.auth.Sql;
import com.hirebuddha.auth.AuthProperties;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.JWSAlgorithm;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Owns the ES256 signing keys. One key signs at a time; when it reaches
 * {@code hb.auth.signing-key-rotation} a new one takes over and the old one stays in the
 * JWKS until every token it signed has expired. Instances agree through the database: the
 * rotation runs under an advisory lock, and each instance re-reads the keys every minute
 * and whenever a token names a key it does not know yet.
 */
@Service
@DependsOnDatabaseInitialization
public class SigningKeys {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	private static final long ROTATION_LOCK = 0x4842_4b45_5953L;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final KeyCipher cipher;

	private final AuthProperties properties;

	private final Clock clock;

	private volatile Snapshot snapshot = new Snapshot(null, new JWKSet());

	private volatile @Nullable Instant lastReload;

	SigningKeys(JdbcClient jdbc, TransactionTemplate transactions, AuthProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.cipher = new KeyCipher(properties.keyEncryptionKey());
		this.properties = properties;
		this.clock = clock;
		refresh();
	}

	/**
	 * The key that signs now.
	 * @return the private key
	 */
	public ECKey current() {
		ECKey key = this.snapshot.signing();
		if (key == null) {
			refresh();
			key = this.snapshot.signing();
		}
		if (key == null) {
			throw new IllegalStateException("no signing key");
		}
		return key;
	}

	/**
	 * The public keys a validator needs: the signing key and retired keys whose tokens
	 * may still be alive.
	 * @return the public JWKS
	 */
	public JWKSet publicKeys() {
		return this.snapshot.published();
	}

	/**
	 * Rotates when due and reloads the keys; runs every minute and at start.
	 */
	@Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
	public void refresh() {
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", ROTATION_LOCK).query().singleValue();
			Instant now = this.clock.instant();
			Instant newestCreated = this.jdbc
				.sql("select max(created_at) as newest from signing_key where retired_at is null")
				.query((rs, n) -> Sql.instant(rs, "newest"))
				.optional()
				.orElse(null);
			if (newestCreated == null || newestCreated.plus(this.properties.signingKeyRotation()).isBefore(now)) {
				rotate(now);
			}
		});
		this.snapshot = load(this.clock.instant());
		if (this.snapshot.signing() == null) {
			log.error("the signing key cannot be decrypted with hb.auth.key-encryption-key (was the key changed?); "
					+ "replacing it: tokens it signed stay valid until they expire, refresh tokens keep working");
			rotateNow();
		}
	}

	/**
	 * Re-reads the keys when a token names a key this instance does not know yet (another
	 * instance rotated); at most every ten seconds, so unknown key ids cannot hammer the
	 * database.
	 * @return true if the keys were re-read
	 */
	public boolean reloadForUnknownKey() {
		Instant now = this.clock.instant();
		Instant last = this.lastReload;
		if (last != null && last.plusSeconds(10).isAfter(now)) {
			return false;
		}
		this.lastReload = now;
		this.snapshot = load(now);
		return true;
	}

	/**
	 * Replaces the signing key now, whatever its age; the old one keeps validating until
	 * its tokens have expired.
	 */
	public void rotateNow() {
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", ROTATION_LOCK).query().singleValue();
			rotate(this.clock.instant());
		});
		this.snapshot = load(this.clock.instant());
	}

	private void rotate(Instant now) {
		ECKey key = generate();
		this.jdbc.sql("update signing_key set retired_at = :now where retired_at is null")
			.param("now", Sql.timestamp(now))
			.update();
		this.jdbc
			.sql("insert into signing_key (kid, public_jwk, private_key, created_at) values (:kid, :jwk, :key, :now)")
			.param("kid", key.getKeyID())
			.param("jwk", key.toPublicJWK().toJSONString())
			.param("key",
					this.cipher.encrypt(key.toJSONString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
							key.getKeyID()))
			.param("now", Sql.timestamp(now))
			.update();
		log.info("signing key {} now signs access tokens", key.getKeyID());
	}

	private Snapshot load(Instant now) {
		// a retired key is published for as long as a token it signed may live, plus skew
		Instant publishedSince = now.minus(this.properties.accessTokenTtl()).minus(Duration.ofMinutes(5));
		List<Row> rows = this.jdbc
			.sql("select kid, public_jwk, private_key, retired_at from signing_key "
					+ "where retired_at is null or retired_at > :since order by created_at desc")
			.param("since", Sql.timestamp(publishedSince))
			.query((rs, n) -> new Row(rs.getString("kid"), rs.getString("public_jwk"), rs.getBytes("private_key"),
					rs.getTimestamp("retired_at") == null))
			.list();
		ECKey signing = null;
		List<JWK> published = new java.util.ArrayList<>();
		for (Row row : rows) {
			published.add(parse(row.publicJwk()));
			if (row.active() && signing == null) {
				signing = decrypt(row);
			}
		}
		return new Snapshot(signing, new JWKSet(published));
	}

	private @Nullable ECKey decrypt(Row row) {
		try {
			return (ECKey) parse(new String(this.cipher.decrypt(row.privateKey(), row.kid()),
					java.nio.charset.StandardCharsets.UTF_8));
		}
		catch (IllegalStateException ex) {
			log.error(ex.getMessage());
			return null;
		}
	}

	private static JWK parse(String json) {
		try {
			return JWK.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("a stored signing key is not a JWK", ex);
		}
	}

	private static ECKey generate() {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString())
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.ES256)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("cannot generate a signing key", ex);
		}
	}

	private record Row(String kid, String publicJwk, byte[] privateKey, boolean active) {
	}

	private record Snapshot(@Nullable ECKey signing, JWKSet published) {
	}

}
