package com.hirebuddha.orchestration.executions;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * A listener container factory for batch listeners: execution progress arrives in bursts
 * (text deltas), and storing a batch in one transaction keeps up with them. It is the
 * service's usual factory (error handler, dead letters, commit mode) with batch
 * acknowledgement.
 */
@Configuration(proxyBeanMethods = false)
class BatchListenerConfiguration {

	/** The factory's bean name, for {@code @KafkaListener(containerFactory = ...)}. */
	static final String BATCH_FACTORY = "batchListenerContainerFactory";

	@Bean(BATCH_FACTORY)
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
