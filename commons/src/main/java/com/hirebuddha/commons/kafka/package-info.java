/**
 * Kafka wiring shared by every service: topics and the dead-letter policy of consumers.
 */
@NullMarked
package com.hirebuddha.commons.kafka;

import org.jspecify.annotations.NullMarked;
