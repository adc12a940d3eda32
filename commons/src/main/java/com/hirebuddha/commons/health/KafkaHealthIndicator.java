package com.hirebuddha.commons.health;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Reports Kafka UP when the cluster answers a metadata request within the timeout, so
 * readiness fails while the broker is unreachable.
 */
public class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

	private final Map<String, Object> config;

	private final Duration timeout;

	private volatile @Nullable AdminClient admin;

	public KafkaHealthIndicator(KafkaAdmin kafkaAdmin, Duration timeout) {
		super("Kafka health check failed");
		this.config = Map.copyOf(kafkaAdmin.getConfigurationProperties());
		this.timeout = timeout;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		DescribeClusterResult cluster = admin()
			.describeCluster(new DescribeClusterOptions().timeoutMs((int) this.timeout.toMillis()));
		String clusterId = cluster.clusterId().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		Collection<Node> nodes = cluster.nodes().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		builder.up().withDetail("clusterId", clusterId).withDetail("nodes", nodes.size());
	}

	private AdminClient admin() {
		AdminClient client = this.admin;
		if (client == null) {
			synchronized (this) {
				client = this.admin;
				if (client == null) {
					Map<String, Object> settings = new java.util.HashMap<>(this.config);
					settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "health-check");
					settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) this.timeout.toMillis());
					settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) this.timeout.toMillis());
					client = AdminClient.create(settings);
					this.admin = client;
				}
			}
		}
		return client;
	}

	@Override
	public void destroy() {
		AdminClient client = this.admin;
		if (client != null) {
			client.close(Duration.ofSeconds(2));
		}
	}

}
