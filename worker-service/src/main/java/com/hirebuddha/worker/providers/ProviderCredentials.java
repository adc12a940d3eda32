package com.hirebuddha.worker.providers;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tenants' own provider keys: written encrypted, listed without the secret, read in clear
 * only by the worker when it calls the provider.
 */
@Service
public class ProviderCredentials {

	private final JdbcClient jdbc;

	private final CredentialCipher cipher;

	private final Clock clock = Clock.systemUTC();

	ProviderCredentials(JdbcClient jdbc, CredentialCipher cipher) {
		this.jdbc = jdbc;
		this.cipher = cipher;
	}

	@Transactional
	void put(UUID tenantId, String provider, ProviderRequest request, String actor) {
		this.jdbc.sql("""
				insert into provider_credential (tenant_id, provider, key_id, secret, base_url, updated_by, updated_at)
				values (:tenant, :provider, :keyId, :secret, :baseUrl, :by, :now)
				on conflict (tenant_id, provider) do update set key_id = excluded.key_id, secret = excluded.secret,
				  base_url = excluded.base_url, updated_by = excluded.updated_by, updated_at = excluded.updated_at
				""")
			.param("tenant", tenantId)
			.param("provider", provider)
			.param("keyId", this.cipher.activeKeyId())
			.param("secret", this.cipher.encrypt(request.apiKey(), context(tenantId, provider)))
			.param("baseUrl", request.baseUrl())
			.param("by", actor)
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
	}

	@Transactional
	boolean delete(UUID tenantId, String provider) {
		return this.jdbc.sql("delete from provider_credential where tenant_id = :tenant and provider = :provider")
			.param("tenant", tenantId)
			.param("provider", provider)
			.update() == 1;
	}

	@Transactional(readOnly = true)
	List<ProviderView> list(UUID tenantId) {
		return this.jdbc
			.sql("select provider, base_url, updated_at from provider_credential where tenant_id = :tenant "
					+ "order by provider")
			.param("tenant", tenantId)
			.query((rs, n) -> new ProviderView(rs.getString("provider"), true, rs.getString("base_url"),
					rs.getTimestamp("updated_at").toInstant()))
			.list();
	}

	/**
	 * A tenant's own key for a provider, in clear: for the call to the provider only.
	 * @param tenantId the tenant
	 * @param provider the provider id
	 * @return the key and base URL, if the tenant set one
	 */
	@Transactional(readOnly = true)
	public Optional<Credential> credentialFor(UUID tenantId, String provider) {
		return this.jdbc
			.sql("select key_id, secret, base_url from provider_credential where tenant_id = :tenant "
					+ "and provider = :provider")
			.param("tenant", tenantId)
			.param("provider", provider)
			.query((rs,
					n) -> new Credential(this.cipher.decrypt(rs.getString("key_id"), rs.getBytes("secret"),
							context(tenantId, provider)), rs.getString("base_url")))
			.optional();
	}

	private static String context(UUID tenantId, String provider) {
		return tenantId + "/" + provider;
	}

	/**
	 * A provider key in clear; its {@code toString} never shows it.
	 *
	 * @param apiKey the key
	 * @param baseUrl where the provider answers, if not its default
	 */
	public record Credential(String apiKey, @Nullable String baseUrl) {

		@Override
		public String toString() {
			return "Credential[apiKey=***, baseUrl=" + this.baseUrl + "]";
		}

	}

}
