package com.hirebuddha.worker.knowledge;

import java.time.Duration;

import com.hirebuddha.commons.client.Downstream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a run's retrieval goes ({@code hb.worker.knowledge.*}).
 *
 * @param auth auth-service, which issues the tenant's token
 * @param ingestion ingestion-service, which searches
 * @param serviceSecret the worker's own secret with auth-service
 */
@ConfigurationProperties("hb.worker.knowledge")
public record KnowledgeProperties(Auth auth, Ingestion ingestion, String serviceSecret) {

	/**
	 * auth-service.
	 *
	 * @param url its base URL
	 * @param connectTimeout connecting to it
	 * @param readTimeout waiting for its answer
	 */
	public record Auth(String url, @DefaultValue("1s") Duration connectTimeout,
			@DefaultValue("3s") Duration readTimeout) implements Downstream {
	}

	/**
	 * ingestion-service.
	 *
	 * @param url its base URL
	 * @param connectTimeout connecting to it
	 * @param readTimeout waiting for a search
	 */
	public record Ingestion(String url, @DefaultValue("1s") Duration connectTimeout,
			@DefaultValue("10s") Duration readTimeout) implements Downstream {
	}

}
