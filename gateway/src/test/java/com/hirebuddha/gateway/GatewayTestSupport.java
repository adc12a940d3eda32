package com.hirebuddha.gateway;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import com.hirebuddha.commons.test.TestTokens;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What every gateway test context shares: tokens from {@link TestTokens}' JWKS, the
 * embedded KRaft broker with the topics the gateway reads, and a Redis database of its
 * own (the local Redis is real; database 5 keeps tests away from a running fleet's
 * state).
 */
final class GatewayTestSupport {

	static final int REDIS_DATABASE = 5;

	private GatewayTestSupport() {
	}

	static void register(DynamicPropertyRegistry registry) {
		String brokers = System.getProperty("spring.embedded.kafka.brokers");
		createTopics(brokers);
		registry.add("hb.gateway.jwk-set-uri", TestTokens::jwkSetUri);
		registry.add("hb.gateway.issuer", () -> TestTokens.ISSUER);
		registry.add("spring.kafka.bootstrap-servers", () -> brokers);
		registry.add("spring.data.redis.database", () -> REDIS_DATABASE);
	}

	private static void createTopics(String brokers) {
		try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
			for (String topic : List.of("tenant.events", "auth.events")) {
				try {
					admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
				}
				catch (Exception ex) {
					if (!(ex.getCause() instanceof TopicExistsException)) {
						throw new IllegalStateException(ex);
					}
				}
			}
		}
	}

}
