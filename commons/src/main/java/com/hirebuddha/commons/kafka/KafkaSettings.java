package com.hirebuddha.commons.kafka;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The platform's own Kafka settings ({@code hb.kafka.*}; Spring's are under
 * {@code spring.kafka.*}).
 *
 * @param maxAttempts deliveries of a failing event before it goes to its dead-letter
 * topic
 * @param asyncCommits whether consumers commit offsets without waiting for the broker
 * @param partitions partitions of each platform topic created here
 * @param replicas replicas of each platform topic created here
 * @param healthTimeout how long the health check waits for the broker
 */
@ConfigurationProperties("hb.kafka")
public record KafkaSettings(@DefaultValue("4") int maxAttempts, @DefaultValue("true") boolean asyncCommits,
		@DefaultValue("3") int partitions, @DefaultValue("1") int replicas,
		@DefaultValue("3s") Duration healthTimeout) {
}
