package com.hirebuddha.ingestion.pipeline;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The last line against documents stuck in progress: one whose every attempt ended with
 * its instance gone (killed while extracting a file that takes the process down, say) is
 * failed with that reason once its last lease has run out, even if no worker claims it
 * again. Everything else in progress either holds a live lease or waits to be claimed.
 */
@Component
class Watchdog {

	private static final Logger log = LoggerFactory.getLogger(Watchdog.class);

	private final Claims claims;

	Watchdog(Claims claims) {
		this.claims = claims;
	}

	@Scheduled(initialDelayString = "PT5S", fixedDelayString = "${hb.ingestion.pipeline.watchdog-interval:PT15S}")
	void sweep() {
		try {
			List<UUID> failed = this.claims.failAbandoned();
			if (!failed.isEmpty()) {
				log.warn("the ingestion watchdog failed {} abandoned documents: {}", failed.size(), failed);
			}
		}
		catch (RuntimeException ex) {
			log.warn("the ingestion watchdog could not sweep: {}", ex.toString());
		}
	}

}
