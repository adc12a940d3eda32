package com.hirebuddha.orchestration.agents;

import java.time.Duration;

import com.hirebuddha.commons.client.Downstream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where knowledge bases are checked ({@code hb.orchestration.ingestion.*}; the URL from
 * {@code HB_INGESTION_URL} in application.yml). Short timeouts: saving an agent must not
 * hang on a slow ingestion-service.
 *
 * @param url ingestion-service's base URL
 * @param connectTimeout connecting to it
 * @param readTimeout waiting for its answer
 */
@ConfigurationProperties("hb.orchestration.ingestion")
record IngestionClientProperties(String url, @DefaultValue("1s") Duration connectTimeout,
		@DefaultValue("3s") Duration readTimeout) implements Downstream {
}
