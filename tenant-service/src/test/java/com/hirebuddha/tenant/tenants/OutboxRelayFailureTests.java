package com.hirebuddha.tenant.tenants;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.hirebuddha.commons.events.EventPublisher;
import com.hirebuddha.commons.events.EventTooLargeException;
import com.hirebuddha.commons.events.Topics;
import com.hirebuddha.commons.test.ServiceTest;
import com.hirebuddha.commons.test.TopicLimit;
import com.hirebuddha.commons.test.TopicProbe;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * An event over the platform's limit is refused in the transaction that makes it, so
 * nothing is stored; one the broker still refuses for good (an operator lowered a topic's
 * limit) is parked with its error, not retried forever, and does not hold back the events
 * behind it.
 */
@ServiceTest
class OutboxRelayFailureTests {

	private final EventPublisher events;

	private final TransactionTemplate transactions;

	private final JdbcClient jdbc;

	private final String bootstrapServers;

	OutboxRelayFailureTests(EventPublisher events, TransactionTemplate transactions, JdbcClient jdbc,
			@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
		this.events = events;
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.bootstrapServers = bootstrapServers;
	}

	@Test
	void anEventOverTheLimitIsRefusedInItsTransactionAndNothingIsStored() {
		String key = "big-" + UUID.randomUUID();
		assertThatThrownBy(() -> publish(key, Map.of("blob", "x".repeat(1_000_000))))
			.isInstanceOf(EventTooLargeException.class)
			.hasMessageContaining("1000000 bytes");
		assertThat(this.jdbc.sql("select count(*) from outbox_event where message_key = :key")
			.param("key", key)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void anEventTheBrokerRefusesIsParkedAndTheNextOneStillGoesOut() throws Exception {
		String bigKey = "big-" + UUID.randomUUID();
		String nextKey = "next-" + UUID.randomUUID();
		UUID big;
		// an operator lowered the topic's limit under the platform's
		try (TopicLimit limit = TopicLimit.lower(this.bootstrapServers, Topics.TENANT_EVENTS, 4096)) {
			big = publish(bigKey, Map.of("blob", "x".repeat(8_000)));
			UUID parked = big;
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.jdbc.sql("select parked_at is not null from outbox_event where id = :id")
					.param("id", parked)
					.query(Boolean.class)
					.single());
			publish(nextKey, Map.of("ok", true));
			try (TopicProbe probe = new TopicProbe(this.bootstrapServers, Topics.TENANT_EVENTS)) {
				assertThat(probe.await((r) -> nextKey.equals(r.key()), 1, Duration.ofSeconds(20))).hasSize(1);
			}
		}
		Map<String, Object> row = this.jdbc
			.sql("select attempts, last_error, published_at from outbox_event where id = :id")
			.param("id", big)
			.query()
			.singleRow();
		assertThat(row.get("attempts")).isEqualTo(1);
		assertThat((String) row.get("last_error")).contains("RecordTooLarge");
		assertThat(row.get("published_at")).isNull();
		// an operator's job in production; here, keep the shared test database small
		this.jdbc.sql("delete from outbox_event where id = :id").param("id", big).update();
	}

	private UUID publish(String key, Object data) {
		return this.transactions.execute((status) -> this.events.publish(UUID.randomUUID(), Topics.TENANT_EVENTS, key,
				"test.outbox.v1", null, data));
	}

}
