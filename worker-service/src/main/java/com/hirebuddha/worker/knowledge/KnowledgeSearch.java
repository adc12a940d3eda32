package com.hirebuddha.worker.knowledge;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Searches a tenant's knowledge bases for a run: asks auth-service, with the worker's own
 * secret, for a token that stands for the run's tenant with {@code knowledge:read} only
 * (kept until shortly before it expires), and sends the search to ingestion-service with
 * it, so ingestion's tenant scope and row-level security hold for the run as for any
 * caller. A search is a read: it is safe to try again, and the node's retry policy does.
 */
@Component
@EnableConfigurationProperties(KnowledgeProperties.class)
public class KnowledgeSearch {

	private static final String SERVICE = "worker-service";

	private final RestClient auth;

	private final RestClient ingestion;

	private final String credential;

	private final Map<UUID, Token> tokens = new ConcurrentHashMap<>();

	private final Clock clock = Clock.systemUTC();

	KnowledgeSearch(RestClient.Builder builder, KnowledgeProperties properties) {
		this.auth = properties.auth().configure(builder.clone()).build();
		this.ingestion = properties.ingestion().configure(builder.clone()).build();
		this.credential = "Basic " + Base64.getEncoder()
			.encodeToString((SERVICE + ":" + properties.serviceSecret()).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Searches.
	 * @param tenantId the run's tenant
	 * @param knowledgeBaseIds where
	 * @param query what for
	 * @param topK how many passages
	 * @return the passages, best first
	 * @throws Refused if ingestion refuses (a knowledge base deleted since the run was
	 * saved, say): trying again would not help
	 * @throws Unavailable if auth or ingestion cannot be reached or fail: it may pass
	 */
	public List<Passage> search(UUID tenantId, List<UUID> knowledgeBaseIds, String query, int topK) {
		Results results;
		try {
			results = this.ingestion.post()
				.uri("/internal/v1/search")
				.header("Authorization", "Bearer " + token(tenantId))
				.body(Map.of("knowledgeBaseIds", knowledgeBaseIds, "query", query, "topK", topK))
				.retrieve()
				.body(Results.class);
		}
		catch (HttpStatusCodeException ex) {
			if (ex.getStatusCode().value() == 401) {
				this.tokens.remove(tenantId);
			}
			if (ex.getStatusCode().is4xxClientError() && ex.getStatusCode().value() != 401
					&& ex.getStatusCode().value() != 429) {
				throw new Refused("the knowledge search was refused (" + ex.getStatusCode().value() + "): "
						+ shorten(ex.getResponseBodyAsString()));
			}
			throw new Unavailable("the knowledge search failed (" + ex.getStatusCode().value() + ")");
		}
		catch (RestClientException ex) {
			throw new Unavailable("ingestion-service could not be reached: " + shorten(ex.getMessage()));
		}
		return (results != null) ? results.items() : List.of();
	}

	private String token(UUID tenantId) {
		Token cached = this.tokens.get(tenantId);
		Instant now = this.clock.instant();
		if (cached != null && cached.expiresAt().isAfter(now.plusSeconds(20))) {
			return cached.value();
		}
		Issued issued;
		try {
			issued = this.auth.post()
				.uri("/internal/service-tokens")
				.header("Authorization", this.credential)
				.body(Map.of("tenantId", tenantId, "scopes", List.of("knowledge:read")))
				.retrieve()
				.body(Issued.class);
		}
		catch (HttpStatusCodeException ex) {
			throw (ex.getStatusCode().is5xxServerError()) ? new Unavailable("auth-service failed")
					: new Refused("auth-service refused the worker's service token (" + ex.getStatusCode().value()
							+ "): check HB_SERVICE_SECRET_WORKER");
		}
		catch (RestClientException ex) {
			throw new Unavailable("auth-service could not be reached: " + shorten(ex.getMessage()));
		}
		if (issued == null) {
			throw new Unavailable("auth-service answered no token");
		}
		this.tokens.put(tenantId, new Token(issued.accessToken(), now.plusSeconds(issued.expiresIn())));
		return issued.accessToken();
	}

	private static String shorten(@Nullable String text) {
		String value = String.valueOf(text);
		return (value.length() > 200) ? value.substring(0, 200) : value;
	}

	record Results(List<Passage> items) {
	}

	record Issued(String accessToken, long expiresIn) {
	}

	private record Token(String value, Instant expiresAt) {
	}

	/**
	 * A search that will not succeed if tried again.
	 */
	public static final class Refused extends RuntimeException {

		Refused(String message) {
			super(message, null, false, false);
		}

	}

	/**
	 * A search that may succeed if tried again.
	 */
	public static final class Unavailable extends RuntimeException {

		Unavailable(String message) {
			super(message, null, false, false);
		}

	}

}
