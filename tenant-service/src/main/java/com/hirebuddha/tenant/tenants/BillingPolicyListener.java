package com.hirebuddha.tenant.tenants;

import java.util.UUID;

import com.hirebuddha.commons.events.EventCodec;
import com.hirebuddha.commons.events.EventEnvelope;
import com.hirebuddha.commons.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code billing.events}: billing's dunning asks to suspend a tenant whose
 * invoice is overdue past its policy, and to reactivate it once paid. Applying either
 * twice changes nothing, and the events of one tenant arrive in order (keyed by tenant).
 */
@Component
class BillingPolicyListener {

	static final String SUSPENSION_TYPE = "hirebuddha.billing.suspension-requested.v1";

	static final String REACTIVATION_TYPE = "hirebuddha.billing.reactivation-requested.v1";

	private static final Logger log = LoggerFactory.getLogger(BillingPolicyListener.class);

	private final EventCodec codec;

	private final TenantService tenants;

	BillingPolicyListener(EventCodec codec, TenantService tenants) {
		this.codec = codec;
		this.tenants = tenants;
	}

	@KafkaListener(id = "tenant-service.billing-events", topics = Topics.BILLING_EVENTS)
	void onBillingEvent(String value) {
		EventEnvelope envelope = this.codec.read(value);
		boolean suspend = SUSPENSION_TYPE.equals(envelope.type());
		if (!suspend && !REACTIVATION_TYPE.equals(envelope.type())) {
			return;
		}
		UUID tenant = UUID.fromString(envelope.data().path("tenantId").asString());
		String reason = envelope.data().path("reason").asString(suspend ? "An invoice is overdue." : "Paid.");
		this.tenants.billingPolicy(tenant, suspend, reason);
		log.info("billing asked to {} tenant {}: {}", suspend ? "suspend" : "reactivate", tenant, reason);
	}

}
