package com.hirebuddha.commons.health;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka's health follows the broker: UP with its cluster id while it answers, DOWN within
 * the timeout when it does not, so readiness takes the service out of rotation.
 */
class KafkaHealthIndicatorTests {

	@Test
	void upWhileTheBrokerAnswers() {
		KafkaHealthIndicator indicator = indicator(
				System.getProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS));
		Health health = indicator.health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsKey("clusterId").containsEntry("nodes", 1);
		indicator.destroy();
	}

	@Test
	void downWithinTheTimeoutWhenTheBrokerIsUnreachable() throws IOException {
		KafkaHealthIndicator indicator = indicator("127.0.0.1:" + closedPort());
		long started = System.nanoTime();
		Health health = indicator.health(true);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		indicator.destroy();
	}

	private static KafkaHealthIndicator indicator(String bootstrap) {
		KafkaAdmin admin = new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
		return new KafkaHealthIndicator(admin, Duration.ofSeconds(1));
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
