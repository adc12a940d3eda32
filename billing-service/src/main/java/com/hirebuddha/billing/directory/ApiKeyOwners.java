package com.hirebuddha.billing.directory;

import java.time.Duration;
import java.util.UUID;

import com.hirebuddha.commons.client.CallerToken;
import com.hirebuddha.commons.web.ApiException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks auth-service, which owns API keys, whether a key the request names belongs to a
 * tenant: with the caller's own token, so auth-service answers in the caller's scope, and
 * a key of another tenant is as unknown as one that never existed.
 */
@Component
@EnableConfigurationProperties(AuthClientProperties.class)
public class ApiKeyOwners {

	private static final Logger log = LoggerFactory.getLogger(ApiKeyOwners.class);

	private final RestClient http;

	ApiKeyOwners(RestClient.Builder builder, AuthClientProperties auth) {
		this.http = auth.configure(builder).build();
	}

	/**
	 * Checks that a key is one of a tenant's live keys.
	 * @param apiKeyId the key the request names
	 * @param tenantId the tenant the request is about
	 * @throws ApiException 404 if it is not, 503 if auth-service cannot say
	 */
	public void requireOwnedBy(UUID apiKeyId, UUID tenantId) {
		Owner owner;
		try {
			owner = this.http.get()
				.uri("/internal/v1/api-keys/{id}", apiKeyId)
				.header("Authorization", CallerToken.bearer())
				.retrieve()
				.body(Owner.class);
		}
		catch (HttpStatusCodeException ex) {
			if (ex.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
				throw ApiException.notFound("api key", apiKeyId);
			}
			throw unavailable(ex);
		}
		catch (RestClientException ex) {
			throw unavailable(ex);
		}
		if (owner == null || !tenantId.equals(owner.tenantId())) {
			throw ApiException.notFound("api key", apiKeyId);
		}
	}

	private static ApiException unavailable(Exception ex) {
		log.warn("could not ask auth-service about an API key: {}", ex.toString());
		return ApiException.unavailable("dependency-unavailable",
				"The API key could not be checked right now; nothing was changed. Try again shortly.",
				Duration.ofSeconds(5));
	}

	/**
	 * What auth-service says of a key.
	 *
	 * @param id the key
	 * @param tenantId the tenant it belongs to, if any
	 */
	record Owner(UUID id, @Nullable UUID tenantId) {
	}

}
