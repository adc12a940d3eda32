package com.hirebuddha.billing.accounts;

import java.util.UUID;

import com.hirebuddha.billing.budgets.Budgets;
import com.hirebuddha.commons.events.EventCodec;
import com.hirebuddha.commons.events.EventEnvelope;
import com.hirebuddha.commons.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code tenant.events}: a created tenant gets a billing account, and every
 * event with the tenant's plan limits sets its monthly token budget. Other events are
 * skipped.
 */
@Component
class TenantEventsListener {

	private static final Logger log = LoggerFactory.getLogger(TenantEventsListener.class);

	private final EventCodec codec;

	private final BillingAccounts accounts;

	private final Budgets budgets;

	TenantEventsListener(EventCodec codec, BillingAccounts accounts, Budgets budgets) {
		this.codec = codec;
		this.accounts = accounts;
		this.budgets = budgets;
	}

	@KafkaListener(id = "billing-service.tenant-events", topics = Topics.TENANT_EVENTS)
	void onTenantEvent(String value) {
		EventEnvelope envelope = this.codec.read(value);
		// tenant events carry the tenant's whole state: the plan's token budget with it
		JsonNode limits = envelope.data().path("limits");
		if (limits.isObject() && envelope.data().hasNonNull("tenantId")) {
			JsonNode tokens = limits.path("monthlyTokenBudget");
			this.budgets.planLimit(UUID.fromString(envelope.data().path("tenantId").asString()),
					tokens.isNumber() ? tokens.asLong() : null);
		}
		if (TenantCreated.TYPE.equals(envelope.type())) {
			TenantCreated tenant = this.codec.data(envelope, TenantCreated.class);
			boolean opened = this.accounts.open(envelope.id(), tenant);
			log.info("tenant {} created (event {}): account {}", tenant.tenantId(), envelope.id(),
					opened ? "opened" : "already open");
		}
	}

}
