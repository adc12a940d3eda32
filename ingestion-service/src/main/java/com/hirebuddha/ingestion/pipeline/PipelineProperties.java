package com.hirebuddha.ingestion.pipeline;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the pipeline works ({@code hb.ingestion.pipeline.*}).
 *
 * @param enabled whether this instance takes documents (off only in tests that drive the
 * pipeline by hand)
 * @param workers documents worked on at once by this instance (two: one extracts, chunks
 * and writes while the other's chunks are embedded)
 * @param pollInterval how long an idle worker waits before it looks again
 * @param lease how long a claim holds without renewal; a worker renews it at a third
 * @param maxAttempts claims a document gets before it fails for good
 * @param retryBackoff the wait before a failed attempt is tried again (doubled each time)
 * @param parseTimeout the longest one extraction may take
 * @param maxTextChars the most characters a document's text may have
 * @param embeddingBatch chunks embedded in one call
 * @param watchdogInterval how often the watchdog looks for documents out of attempts
 */
@ConfigurationProperties("hb.ingestion.pipeline")
public record PipelineProperties(@DefaultValue("true") boolean enabled, @DefaultValue("2") int workers,
		@DefaultValue("500ms") Duration pollInterval, @DefaultValue("60s") Duration lease,
		@DefaultValue("3") int maxAttempts, @DefaultValue("5s") Duration retryBackoff,
		@DefaultValue("60s") Duration parseTimeout, @DefaultValue("10000000") int maxTextChars,
		@DefaultValue("32") int embeddingBatch, @DefaultValue("15s") Duration watchdogInterval) {
}
