package com.hirebuddha.tenant.tenants;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.hirebuddha.commons.events.Topics;
import com.hirebuddha.commons.test.TopicProbe;
import com.hirebuddha.tenant.TenantServiceApplication;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service that dies after committing a change but before its relay published the event
 * loses nothing: the next instance to start publishes it.
 */
class OutboxCrashRecoveryTests {

	@Test
	void eventCommittedBeforeACrashIsPublishedByTheNextInstance() {
		UUID tenantId;
		try (ConfigurableApplicationContext crashed = start(false)) {
			assertThat(crashed.getEnvironment().getProperty("spring.datasource.url")).endsWith("_test");
			tenantId = crashed.getBean(TenantService.class).create(new CreateTenantRequest("Survivor Inc")).id();
			assertThat(pending(crashed, tenantId)).as("committed, not yet published").isEqualTo(1);
		}
		try (ConfigurableApplicationContext next = start(true);
				TopicProbe probe = new TopicProbe(brokers(), Topics.TENANT_EVENTS)) {
			List<ConsumerRecord<String, String>> records = probe.await((r) -> tenantId.toString().equals(r.key()), 1,
					Duration.ofSeconds(30));
			assertThat(records).hasSize(1);
			assertThat(records.get(0).value()).contains(TenantCreated.TYPE).contains("Survivor Inc");
			assertThat(pending(next, tenantId)).as("marked published after the broker acknowledged").isZero();
			assertThat(next.getBean(MeterRegistry.class).counter("hb.outbox.published").count())
				.as("published by the next instance")
				.isGreaterThanOrEqualTo(1);
			assertThat(probe.settle((r) -> tenantId.toString().equals(r.key()), Duration.ofSeconds(2))).as("sent once")
				.hasSize(1);
		}
	}

	private static long pending(ConfigurableApplicationContext context, UUID tenantId) {
		return context.getBean(JdbcClient.class)
			.sql("select count(*) from outbox_event where message_key = :key and published_at is null")
			.param("key", tenantId.toString())
			.query(Long.class)
			.single();
	}

	// command-line arguments rank highest, so the test database beats the defaults
	private static ConfigurableApplicationContext start(boolean relayEnabled) {
		return new SpringApplicationBuilder(TenantServiceApplication.class).run("--server.port=0",
				"--hb.outbox.relay-enabled=" + relayEnabled, "--hb.outbox.poll-interval=50ms",
				"--spring.kafka.bootstrap-servers=" + brokers(),
				"--spring.datasource.url=jdbc:postgresql://" + env("HB_DB_HOST", "127.0.0.1") + ":"
						+ env("HB_DB_PORT", "5432") + "/" + env("HB_TEST_DB_NAME", "hirebuddha_test"));
	}

	// the test JVM's broker, shared with any cached context whose relay could publish
	private static String brokers() {
		return System.getProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null) ? value : fallback;
	}

}
