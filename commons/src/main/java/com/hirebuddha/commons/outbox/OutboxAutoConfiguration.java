package com.hirebuddha.commons.outbox;

import com.hirebuddha.commons.events.EventCodec;
import com.hirebuddha.commons.events.EventProperties;
import com.hirebuddha.commons.events.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the outbox publisher and its relay into every service.
 */
@AutoConfiguration
@EnableConfigurationProperties({ OutboxProperties.class, EventProperties.class })
public class OutboxAutoConfiguration {

	@Bean
	OutboxRelay outboxRelay(JdbcClient jdbc, PlatformTransactionManager transactionManager,
			KafkaTemplate<String, String> kafka, OutboxProperties properties, MeterRegistry meters,
			ObjectProvider<UndeliverableEventHandler> undeliverable) {
		return new OutboxRelay(jdbc, new TransactionTemplate(transactionManager), kafka, properties, meters,
				undeliverable.orderedStream().toList());
	}

	@Bean
	EventPublisher eventPublisher(JdbcClient jdbc, EventCodec codec, OutboxRelay relay, EventProperties events,
			@Value("${spring.application.name}") String applicationName) {
		return new OutboxEventPublisher(jdbc, codec, "/" + applicationName, relay::wakeUp, events.maxBytes());
	}

}
