package com.hirebuddha.orchestration.executions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import com.hirebuddha.commons.web.ApiException;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code Idempotency-Key}s, as Stripe has them: for the idempotency window (24 hours) the
 * same key with the same request names the first execution again, the same key with
 * another request is refused; an older key names nothing and is taken over.
 */
@Component
class IdempotencyKeys {

	private final JdbcClient jdbc;

	private final ExecutionProperties properties;

	private final Clock clock = Clock.systemUTC();

	IdempotencyKeys(JdbcClient jdbc, ExecutionProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/**
	 * The execution a key already names, if any.
	 * @param tenantId the caller's tenant
	 * @param key the client's key, if it sent one
	 * @param hash the request's {@link #hash}
	 * @return the execution's id
	 * @throws ApiException 422 if the key is malformed or named a different request
	 */
	Optional<UUID> named(UUID tenantId, @Nullable String key, String hash) {
		if (key == null) {
			return Optional.empty();
		}
		if (key.isBlank() || key.length() > 255) {
			throw ApiException.invalid("invalid-idempotency-key", "Idempotency-Key must be 1 to 255 characters.");
		}
		Instant expired = this.clock.instant().minus(this.properties.idempotencyWindow());
		return this.jdbc
			.sql("select request_hash, execution_id from idempotency_key "
					+ "where tenant_id = :tenant and key = :key and created_at >= :expired")
			.param("tenant", tenantId)
			.param("key", key)
			.param("expired", Timestamp.from(expired))
			.query((rs, row) -> {
				if (!hash.equals(rs.getString("request_hash"))) {
					throw ApiException.invalid("idempotency-key-reused", "This Idempotency-Key was used with a "
							+ "different request in the last 24 hours; use a new key for a new request.");
				}
				return rs.getObject("execution_id", UUID.class);
			})
			.optional();
	}

	/**
	 * Names an execution by a key, in the accepting transaction.
	 * @return false if a concurrent request with the same key committed first
	 */
	boolean remember(UUID tenantId, String key, String hash, UUID executionId, Instant now) {
		// a key older than the window names nothing any more and is taken over
		return this.jdbc.sql("""
				insert into idempotency_key (tenant_id, key, request_hash, execution_id, created_at)
				values (:tenant, :key, :hash, :execution, :now)
				on conflict (tenant_id, key) do update
				  set request_hash = excluded.request_hash, execution_id = excluded.execution_id,
				      created_at = excluded.created_at
				  where idempotency_key.created_at < :expired
				""")
			.param("tenant", tenantId)
			.param("key", key)
			.param("hash", hash)
			.param("execution", executionId)
			.param("now", Timestamp.from(now))
			.param("expired", Timestamp.from(now.minus(this.properties.idempotencyWindow())))
			.update() == 1;
	}

	/**
	 * What a key remembers of a request: its target and input.
	 * @param target for example {@code agent:<id>}
	 * @param inputJson the run's input as it is stored (map entries ordered by key, so
	 * the same input hashes the same whatever its order)
	 * @return a SHA-256 hex digest
	 */
	String hash(String target, String inputJson) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(target.getBytes(StandardCharsets.UTF_8));
			digest.update((byte) 0);
			digest.update(inputJson.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
