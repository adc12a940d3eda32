package com.hirebuddha.auth.apikeys;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.hirebuddha.auth.Sql;
import com.hirebuddha.auth.AuthProperties;
import com.hirebuddha.auth.Secrets;
import com.hirebuddha.auth.sessions.AccessTokens;
import com.hirebuddha.commons.events.EventPublisher;
import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.security.Roles;
import com.hirebuddha.commons.security.TokenClaims;
import com.hirebuddha.commons.web.ApiException;
import com.hirebuddha.commons.web.PageView;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, lists, revokes and exchanges API keys. A key is {@code hb_<12 characters>_<43
 * characters>}: the first 15 characters are its visible prefix (and lookup key), the rest
 * a 256-bit secret of which only the SHA-256 is stored. Keys belong to the creator's
 * tenant (or partner, or the platform) and act with the creator's role, narrowed by their
 * scopes; a key cannot manage keys.
 */
@Service
class ApiKeys {

	/** Scopes a key may carry (docs/security.md); services check them with the role. */
	static final Set<String> SCOPES = Set.of("agents:read", "agents:write", "agents:run", "workflows:read",
			"workflows:write", "workflows:run", "knowledge:read", "knowledge:write", "billing:read", "tenants:read",
			"tenants:write", "webhooks:write");

	private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

	private static final int PREFIX_LENGTH = 15;

	private final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final AccessTokens tokens;

	private final EventPublisher events;

	private final AuthProperties properties;

	private final Clock clock;

	ApiKeys(JdbcClient jdbc, AccessTokens tokens, EventPublisher events, AuthProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.tokens = tokens;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	@Transactional
	ApiKeyRequests.Created create(Caller caller, ApiKeyRequests.Create request) {
		List<String> unknown = request.scopes().stream().filter((scope) -> !SCOPES.contains(scope)).toList();
		if (!unknown.isEmpty()) {
			throw ApiException.invalid("unknown-scope", "Unknown scopes " + unknown + "; known: " + SCOPES);
		}
		Instant now = this.clock.instant();
		if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
			throw ApiException.invalid("invalid-expiry", "expiresAt must be in the future.");
		}
		UUID id = UUID.randomUUID();
		String prefix = "hb_" + randomPrefix();
		String key = prefix + "_" + Secrets.generate("");
		List<String> scopes = request.scopes().stream().distinct().sorted().toList();
		this.jdbc.sql("""
				insert into api_key (id, prefix, secret_hash, name, role, tenant_id, partner_id, scopes,
				                     rate_limit_per_minute, created_by, created_at, expires_at)
				values (:id, :prefix, :hash, :name, :role, :tenant, :partner, :scopes, :limit, :by, :now, :expires)
				""")
			.param("id", id)
			.param("prefix", prefix)
			.param("hash", Secrets.hash(key))
			.param("name", request.name().strip())
			.param("role", caller.roles().get(0))
			.param("tenant", caller.tenantId())
			.param("partner", caller.partnerId())
			.param("scopes", String.join(" ", scopes))
			.param("limit", request.rateLimitPerMinute())
			.param("by", caller.subject())
			.param("now", Sql.timestamp(now))
			.param("expires", Sql.timestamp(request.expiresAt()))
			.update();
		return new ApiKeyRequests.Created(id, request.name().strip(), prefix, key, scopes, request.expiresAt(),
				request.rateLimitPerMinute(), now, null);
	}

	@Transactional(readOnly = true)
	PageView<ApiKeyRequests.View> list(Caller caller, int page, int size) {
		List<ApiKeyRequests.View> items = this.jdbc
			.sql("select * from api_key where " + OWNED + " order by created_at desc, id limit :size offset :offset")
			.param("tenant", caller.tenantId())
			.param("partner", caller.partnerId())
			.param("size", size)
			.param("offset", (long) page * size)
			.query((rs, n) -> new ApiKeyRequests.View(rs.getObject("id", UUID.class), rs.getString("name"),
					rs.getString("prefix"), List.of(rs.getString("scopes").split(" ")), Sql.instant(rs, "expires_at"),
					(Integer) rs.getObject("rate_limit_per_minute"), rs.getTimestamp("created_at").toInstant(),
					Sql.instant(rs, "last_used_at")))
			.list();
		long total = this.jdbc.sql("select count(*) from api_key where " + OWNED)
			.param("tenant", caller.tenantId())
			.param("partner", caller.partnerId())
			.query(Long.class)
			.single();
		return new PageView<>(items, page, size, total);
	}

	@Transactional(readOnly = true)
	ApiKeyRequests.Owner owner(Caller caller, UUID id) {
		boolean platform = caller.hasRole(Roles.PLATFORM_ADMIN);
		return this.jdbc
			.sql("select id, tenant_id, partner_id from api_key where id = :id and revoked_at is null"
					+ (platform ? "" : " and tenant_id = :tenant"))
			.param("id", id)
			.param("tenant", caller.tenantId())
			.query(ApiKeyRequests.Owner.class)
			.optional()
			.orElseThrow(() -> ApiException.notFound("api key", id));
	}

	@Transactional
	void revoke(Caller caller, UUID id) {
		Instant now = this.clock.instant();
		String prefix = this.jdbc
			.sql("update api_key set revoked_at = :now where id = :id and " + OWNED + " returning prefix")
			.param("now", Sql.timestamp(now))
			.param("id", id)
			.param("tenant", caller.tenantId())
			.param("partner", caller.partnerId())
			.query(String.class)
			.optional()
			.orElseThrow(() -> ApiException.notFound("api key", id));
		this.events.publish(new ApiKeyRevoked(id, prefix, caller.tenantId(), now));
	}

	@Transactional
	ApiKeyRequests.Exchanged exchange(String key) {
		Instant now = this.clock.instant();
		if (key.length() < PREFIX_LENGTH + 2 || key.length() > 100) {
			throw invalid("malformed");
		}
		String prefix = key.substring(0, PREFIX_LENGTH);
		Stored stored = this.jdbc
			.sql("select * from api_key where prefix = :prefix and revoked_at is null "
					+ "and (expires_at is null or expires_at > :now)")
			.param("prefix", prefix)
			.param("now", Sql.timestamp(now))
			.query((rs, n) -> new Stored(rs.getObject("id", UUID.class), rs.getBytes("secret_hash"),
					rs.getString("role"), rs.getObject("tenant_id", UUID.class), rs.getObject("partner_id", UUID.class),
					rs.getString("scopes"), (Integer) rs.getObject("rate_limit_per_minute"),
					Sql.instant(rs, "expires_at")))
			.optional()
			.orElseThrow(() -> invalid("unknown-prefix"));
		if (!MessageDigest.isEqual(stored.secretHash(), Secrets.hash(key))) {
			throw invalid("wrong-secret");
		}
		this.jdbc
			.sql("update api_key set last_used_at = :now where id = :id "
					+ "and (last_used_at is null or last_used_at < :recent)")
			.param("now", Sql.timestamp(now))
			.param("id", stored.id())
			.param("recent", Sql.timestamp(now.minus(Duration.ofMinutes(1))))
			.update();
		Duration ttl = this.properties.apiKeyTokenTtl();
		if (stored.expiresAt() != null && Duration.between(now, stored.expiresAt()).compareTo(ttl) < 0) {
			ttl = Duration.between(now, stored.expiresAt());
		}
		String token = this.tokens.sign("apikey:" + stored.id(), TokenClaims.KIND_API_KEY, List.of(stored.role()),
				stored.tenantId(), stored.partnerId(), ttl, (claims) -> {
					claims.claim(TokenClaims.API_KEY, stored.id().toString()).claim(TokenClaims.SCOPE, stored.scopes());
					if (stored.rateLimit() != null) {
						claims.claim(TokenClaims.RATE_LIMIT, stored.rateLimit());
					}
				});
		return new ApiKeyRequests.Exchanged(token, ttl.toSeconds(), prefix, stored.tenantId(), stored.rateLimit());
	}

	private String randomPrefix() {
		StringBuilder prefix = new StringBuilder(PREFIX_LENGTH - 3);
		for (int i = 0; i < PREFIX_LENGTH - 3; i++) {
			prefix.append(ALPHABET.charAt(this.random.nextInt(ALPHABET.length())));
		}
		return prefix.toString();
	}

	// the reason is for the gateway's negative cache (this endpoint is not routed): no
	// live key has an unknown prefix, so it may be refused without asking again
	private static ApiException invalid(String reason) {
		return ApiException.unauthorized("invalid-api-key", "The API key is invalid, expired or revoked.",
				Map.of("reason", reason));
	}

	private static final String OWNED = "revoked_at is null and tenant_id is not distinct from :tenant "
			+ "and partner_id is not distinct from :partner";

	private record Stored(UUID id, byte[] secretHash, String role, @Nullable UUID tenantId, @Nullable UUID partnerId,
			String scopes, @Nullable Integer rateLimit, @Nullable Instant expiresAt) {
	}

}
