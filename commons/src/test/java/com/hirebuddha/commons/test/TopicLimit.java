package com.hirebuddha.commons.test;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Lowers a topic's message size limit on the embedded broker for one test, and restores
 * the broker's default when closed (the broker is shared by every test of the JVM).
 */
public final class TopicLimit implements AutoCloseable {

	private final Admin admin;

	private final ConfigResource topic;

	private TopicLimit(Admin admin, ConfigResource topic) {
		this.admin = admin;
		this.topic = topic;
	}

	/**
	 * Lowers a topic's {@code max.message.bytes}.
	 * @param brokers the embedded broker
	 * @param topic the topic
	 * @param maxMessageBytes the new limit
	 * @return the lowered limit, restored by {@link #close()}
	 */
	public static TopicLimit lower(String brokers, String topic, int maxMessageBytes) throws Exception {
		Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers));
		TopicLimit limit = new TopicLimit(admin, new ConfigResource(ConfigResource.Type.TOPIC, topic));
		limit.alter(new AlterConfigOp(
				new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxMessageBytes)),
				AlterConfigOp.OpType.SET));
		return limit;
	}

	private void alter(AlterConfigOp operation) throws Exception {
		this.admin.incrementalAlterConfigs(Map.of(this.topic, List.of(operation))).all().get();
	}

	@Override
	public void close() throws Exception {
		try {
			alter(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, ""),
					AlterConfigOp.OpType.DELETE));
		}
		finally {
			this.admin.close();
		}
	}

}
