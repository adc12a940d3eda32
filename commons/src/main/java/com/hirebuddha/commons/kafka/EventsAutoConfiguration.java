package com.hirebuddha.commons.kafka;

import java.time.Duration;
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

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
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
	DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<?, ?> template, MeterRegistry meters,
			@Value("${hb.kafka.max-attempts:4}") int maxAttempts) {
		return DeadLetterPolicy.errorHandler(template, meters, maxAttempts);
	}

	/**
	 * Consumers commit their offsets without waiting for the broker: every consumer here
	 * is idempotent by event id, so an offset lost with a crash only redelivers events
	 * that change nothing, and a poll no longer pays a round trip to the broker.
	 * @param async whether commits are asynchronous ({@code hb.kafka.async-commits})
	 * @return the customizer applied to every listener container
	 */
	@Bean
	ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> commitCustomizer(
			@Value("${hb.kafka.async-commits:true}") boolean async) {
		return (container) -> container.getContainerProperties().setSyncCommits(!async);
	}

	@Bean
	KafkaAdmin.NewTopics platformTopics(@Value("${hb.kafka.partitions:3}") int partitions,
			@Value("${hb.kafka.replicas:1}") int replicas) {
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
	KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin,
			@Value("${hb.kafka.health-timeout:3s}") Duration timeout) {
		return new KafkaHealthIndicator(kafkaAdmin, timeout);
	}

}
