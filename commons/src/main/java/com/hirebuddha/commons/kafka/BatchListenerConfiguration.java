package com.hirebuddha.commons.kafka;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * A listener container factory for batch listeners, for events that arrive in bursts
 * (execution progress, usage) and are applied a poll at a time in one transaction. It is
 * the service's usual factory (error handler, dead letters, commit mode) with batch
 * acknowledgement.
 */
@AutoConfiguration(after = EventsAutoConfiguration.class,
		afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnBean(ConcurrentKafkaListenerContainerFactoryConfigurer.class)
public class BatchListenerConfiguration {

	/** The factory's bean name, for {@code @KafkaListener(containerFactory = ...)}. */
	public static final String BATCH_FACTORY = "batchListenerContainerFactory";

	@Bean(BATCH_FACTORY)
	@ConditionalOnMissingBean(name = BATCH_FACTORY)
	ConcurrentKafkaListenerContainerFactory<Object, Object> batchListenerContainerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers,
			ObjectProvider<ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>>> customizer) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(factory, consumers);
		customizer.ifAvailable(factory::setContainerCustomizer);
		factory.setBatchListener(true);
		factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
		return factory;
	}

}
