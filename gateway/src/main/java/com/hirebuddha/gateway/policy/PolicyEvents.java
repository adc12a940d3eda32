package com.hirebuddha.gateway.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.hirebuddha.gateway.GatewayProperties;
import com.hirebuddha.gateway.security.ApiKeyExchange;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Feeds the admission state in Redis from the platform's events: tenant status from
 * {@code tenant.events} (compacted, read from the start on every assignment), ended
 * sessions and revoked API keys from {@code auth.events}. Every effect is a plain set or
 * delete, so a redelivered event changes nothing.
 */
@Component
class PolicyEvents implements ConsumerSeekAware {

	private static final Logger log = LoggerFactory.getLogger(PolicyEvents.class);

	private final JsonMapper json = JsonMapper.builder().build();

	private final StringRedisTemplate redis;

	private final Duration cacheTtl;

	PolicyEvents(StringRedisTemplate redis, GatewayProperties properties) {
		this.redis = redis;
		this.cacheTtl = properties.apiKeyCacheTtl();
	}

	@KafkaListener(id = "gateway-policy", idIsGroup = false, topics = { "tenant.events", "auth.events" })
	void on(String message) {
		JsonNode event;
		try {
			event = this.json.readTree(message);
		}
		catch (RuntimeException ex) {
			log.warn("skipping an event that is not JSON");
			return;
		}
		JsonNode data = event.path("data");
		switch (event.path("type").asString("")) {
			case "hirebuddha.tenant.created.v1", "hirebuddha.tenant.status-changed.v1",
					"hirebuddha.tenant.updated.v1" ->
				tenantState(data);
			case "hirebuddha.auth.session-revoked.v1" -> sessionRevoked(data);
			case "hirebuddha.auth.api-key-revoked.v1" -> apiKeyRevoked(data.path("prefix").asString());
			case "hirebuddha.partner.status-changed.v1" -> partnerStatus(data);
			default -> {
			}
		}
	}

	// every tenant event carries the whole state the gateway needs, so the latest one per
	// tenant (all the compacted topic keeps) is enough
	private void tenantState(JsonNode data) {
		String limitKey = AdmissionFilter.TENANT_LIMIT + data.path("tenantId").asString();
		JsonNode limit = data.path("requestsPerMinute");
		if (limit.isNumber()) {
			this.redis.opsForValue().set(limitKey, Integer.toString(limit.asInt()));
		}
		else {
			this.redis.delete(limitKey);
		}
		String key = AdmissionFilter.TENANT_STATUS + data.path("tenantId").asString();
		// the access status counts the partner's too; events before it existed carry
		// status only
		String status = data.path("accessStatus").asString(data.path("status").asString());
		if ("ACTIVE".equals(status)) {
			this.redis.delete(key);
		}
		else {
			this.redis.opsForValue().set(key, status);
		}
	}

	/**
	 * Every time this instance is given {@code tenant.events} partitions it reads them
	 * from the start: the compacted topic holds the latest status of every tenant, so the
	 * view in Redis is whole again even after Redis lost it. Replaying sets the same
	 * values again.
	 */
	@Override
	public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
		List<TopicPartition> tenantPartitions = assignments.keySet()
			.stream()
			.filter((partition) -> "tenant.events".equals(partition.topic()))
			.toList();
		if (!tenantPartitions.isEmpty()) {
			callback.seekToBeginning(tenantPartitions);
		}
	}

	private void partnerStatus(JsonNode data) {
		String key = AdmissionFilter.PARTNER_STATUS + data.path("partnerId").asString();
		if ("ACTIVE".equals(data.path("status").asString())) {
			this.redis.delete(key);
		}
		else {
			this.redis.opsForValue().set(key, data.path("status").asString());
		}
	}

	private void apiKeyRevoked(String prefix) {
		this.redis.opsForValue()
			.set(ApiKeyExchange.REVOKED_PREFIX + prefix, "revoked", ApiKeyExchange.revocationMemory(this.cacheTtl));
		this.redis.delete(ApiKeyExchange.CACHE_PREFIX + prefix);
	}

	private void sessionRevoked(JsonNode data) {
		Instant until = Instant.parse(data.path("accessTokensExpireBy").asString()).plusSeconds(60);
		Duration left = Duration.between(Instant.now(), until);
		if (!left.isNegative()) {
			this.redis.opsForValue()
				.set(AdmissionFilter.REVOKED_SESSION + data.path("sessionId").asString(), "revoked", left);
		}
	}

}
