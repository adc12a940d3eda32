package com.hirebuddha.orchestration.executions;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import com.hirebuddha.commons.events.EventCodec;
import com.hirebuddha.commons.events.EventEnvelope;
import com.hirebuddha.commons.events.Topics;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Which tenants have a budget, from billing-service's {@code budget-changed} events: only
 * their runs are reserved with billing before they are accepted. Each event carries the
 * whole answer, and an older one never overwrites a newer one.
 */
@Component
class BudgetedTenants {

	static final String CHANGED_TYPE = "hirebuddha.billing.budget-changed.v1";

	private final JdbcClient jdbc;

	private final EventCodec codec;

	BudgetedTenants(JdbcClient jdbc, EventCodec codec) {
		this.jdbc = jdbc;
		this.codec = codec;
	}

	boolean budgeted(UUID tenantId) {
		return this.jdbc.sql("select budgeted from budgeted_tenant where tenant_id = :tenant")
			.param("tenant", tenantId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	@KafkaListener(id = "orchestration-service.budgets", topics = Topics.BILLING_EVENTS)
	void onBillingEvent(String value) {
		EventEnvelope envelope = this.codec.read(value);
		if (!CHANGED_TYPE.equals(envelope.type())) {
			return;
		}
		JsonNode data = envelope.data();
		Instant at = (envelope.time() != null) ? envelope.time() : Instant.now();
		this.jdbc.sql("""
				insert into budgeted_tenant (tenant_id, budgeted, changed_at) values (:tenant, :budgeted, :at)
				on conflict (tenant_id) do update set budgeted = excluded.budgeted, changed_at = excluded.changed_at
				  where budgeted_tenant.changed_at <= excluded.changed_at""")
			.param("tenant", UUID.fromString(data.path("tenantId").asString()))
			.param("budgeted", data.path("budgeted").asBoolean())
			.param("at", Timestamp.from(at))
			.update();
	}

}
