package com.hirebuddha.commons.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the outbox relay.
 *
 * @param relayEnabled whether this instance publishes pending events (off only in tests
 * that simulate a crash before publication)
 * @param pollInterval how long the relay sleeps when nothing woke it
 * @param batchSize how many events one relay round claims
 * @param sendTimeout how long a round waits for the broker's acknowledgements
 * @param retention how long published rows are kept for inspection before they are
 * deleted
 */
@ConfigurationProperties("hb.outbox")
public record OutboxProperties(@DefaultValue("true") boolean relayEnabled, @DefaultValue("250ms") Duration pollInterval,
		@DefaultValue("200") int batchSize, @DefaultValue("10s") Duration sendTimeout,
		@DefaultValue("24h") Duration retention) {
}
