package com.hirebuddha.orchestration.agents;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.hirebuddha.commons.client.CallerToken;
import com.hirebuddha.commons.client.DownstreamProblem;
import com.hirebuddha.commons.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks ingestion-service, which owns knowledge bases, which of the ids an agent or a
 * workflow names the caller's tenant does not have: with the caller's own token, so the
 * answer is in the caller's scope and another tenant's knowledge base is as unknown as
 * one that never existed.
 */
@Component
@EnableConfigurationProperties(IngestionClientProperties.class)
public class KnowledgeBaseClient {

	private static final Logger log = LoggerFactory.getLogger(KnowledgeBaseClient.class);

	private final RestClient http;

	KnowledgeBaseClient(RestClient.Builder builder, IngestionClientProperties ingestion) {
		this.http = ingestion.configure(builder).build();
	}

	/**
	 * Refuses ids the caller's tenant lacks.
	 * @param ids the knowledge bases a request names
	 * @throws ApiException 404 naming the first unknown one; 503 if ingestion cannot say
	 */
	public void requireKnown(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return;
		}
		Unknown answer;
		try {
			answer = this.http.post()
				.uri("/internal/v1/knowledge-bases/unknown")
				.header("Authorization", CallerToken.bearer())
				.body(Map.of("ids", List.copyOf(ids)))
				.retrieve()
				.body(Unknown.class);
		}
		catch (HttpStatusCodeException ex) {
			if (ex.getStatusCode().is4xxClientError()) {
				// the caller may not ask (an API key without the scopes, say): as
				// ingestion said
				DownstreamProblem problem = DownstreamProblem.of(ex);
				throw problem.passThrough(problem.status().getReasonPhrase(), "forbidden",
						"The knowledge bases could not be checked for this caller.", null);
			}
			throw unavailable(ex);
		}
		catch (RestClientException ex) {
			throw unavailable(ex);
		}
		if (answer != null && !answer.unknown().isEmpty()) {
			throw ApiException.notFound("knowledge base", answer.unknown().get(0));
		}
	}

	private static ApiException unavailable(Exception ex) {
		log.warn("could not ask ingestion-service about knowledge bases: {}", ex.toString());
		return ApiException.unavailable("dependency-unavailable",
				"The knowledge bases could not be checked right now; nothing was changed. Try again shortly.",
				Duration.ofSeconds(5));
	}

	/**
	 * What ingestion-service answers.
	 *
	 * @param unknown the ids the tenant lacks
	 */
	record Unknown(List<UUID> unknown) {
	}

}
