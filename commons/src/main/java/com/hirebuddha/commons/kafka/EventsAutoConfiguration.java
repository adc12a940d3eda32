package com.hirebuddha.commons.kafka;

import java.util.ArrayList;
import java.util.List;

import com.hirebuddha.commons.events.EventCodec;
import com.hirebuddha.commons.events.Topics;
import com.hirebuddha.commons.health.KafkaHealthIndicator;
import com.hirebuddha.commons.inbox.Inbox;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * Wires what every service needs to take part in the event flow: the codec, the inbox,
 * the topics (created if missing), the consumers' dead-letter policy and Kafka's health.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties(KafkaSettings.class)
public class EventsAutoConfiguration {

	@Bean
	EventCodec eventCodec(JsonMapper mapper) {
		return new EventCodec(mapper);
	}

	@Bean
	Inbox inbox(JdbcClient jdbc, MeterRegistry meters) {
		return new Inbox(jdbc, meters);
	}

	@Bean
	DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<?, ?> template, MeterRegistry meters, KafkaSettings kafka) {
		return DeadLetterPolicy.errorHandler(template, meters, kafka.maxAttempts());
	}

	/**
	 * Consumers commit their offsets without waiting for the broker: every consumer here
	 * is idempotent by event id, so an offset lost with a crash only redelivers events
	 * that change nothing, and a poll no longer pays a round trip to the broker.
	 * @param kafka whether commits are asynchronous ({@code hb.kafka.async-commits})
	 * @return the customizer applied to every listener container
	 */
	@Bean
	ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> commitCustomizer(
			KafkaSettings kafka) {
		return (container) -> container.getContainerProperties().setSyncCommits(!kafka.asyncCommits());
	}

	@Bean
	KafkaAdmin.NewTopics platformTopics(KafkaSettings kafka) {
		int partitions = kafka.partitions();
		int replicas = kafka.replicas();
		List<NewTopic> topics = new ArrayList<>();
		for (String topic : Topics.ALL) {
			TopicBuilder builder = TopicBuilder.name(topic).partitions(partitions).replicas(replicas);
			if (Topics.COMPACTED.contains(topic)) {
				builder.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
			}
			topics.add(builder.build());
			topics.add(TopicBuilder.name(Topics.deadLetter(topic)).partitions(1).replicas(replicas).build());
		}
		return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
	}

	@Bean
	KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, KafkaSettings kafka) {
		return new KafkaHealthIndicator(kafkaAdmin, kafka.healthTimeout());
	}

}
