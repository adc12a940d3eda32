package com.hirebuddha.billing.accounts;

import com.hirebuddha.commons.events.EventCodec;
import com.hirebuddha.commons.events.EventEnvelope;
import com.hirebuddha.commons.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code tenant.events}: a created tenant gets a billing account. Other event
 * types are not billing's concern yet and are skipped.
 */
@Component
class TenantEventsListener {

	private static final Logger log = LoggerFactory.getLogger(TenantEventsListener.class);

	private final EventCodec codec;

	private final BillingAccounts accounts;

	TenantEventsListener(EventCodec codec, BillingAccounts accounts) {
		this.codec = codec;
		this.accounts = accounts;
	}

	@KafkaListener(id = "billing-service.tenant-events", topics = Topics.TENANT_EVENTS)
	void onTenantEvent(String value) {
		EventEnvelope envelope = this.codec.read(value);
		if (TenantCreated.TYPE.equals(envelope.type())) {
			TenantCreated tenant = this.codec.data(envelope, TenantCreated.class);
			boolean opened = this.accounts.open(envelope.id(), tenant);
			log.info("tenant {} created (event {}): account {}", tenant.tenantId(), envelope.id(),
					opened ? "opened" : "already open");
		}
	}

}
