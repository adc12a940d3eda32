/**
 * The transactional outbox: events are rows written in the state change's transaction,
 * and a relay publishes them to Kafka, marking a row published only after the broker
 * acknowledged it.
 */
@NullMarked
package com.hirebuddha.commons.outbox;

import org.jspecify.annotations.NullMarked;
