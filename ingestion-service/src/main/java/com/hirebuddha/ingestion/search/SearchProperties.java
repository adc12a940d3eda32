package com.hirebuddha.ingestion.search;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How vector search asks the index ({@code hb.ingestion.search.*}).
 *
 * @param efSearch HNSW's candidate list size ({@code hnsw.ef_search}); at least
 * {@code topK} is used
 * @param maxScanTuples how far an iterative scan may go before it stops
 * ({@code hnsw.max_scan_tuples})
 */
@ConfigurationProperties("hb.ingestion.search")
public record SearchProperties(@DefaultValue("200") int efSearch, @DefaultValue("20000") int maxScanTuples) {
}
