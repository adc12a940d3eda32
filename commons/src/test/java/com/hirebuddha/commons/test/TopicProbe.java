package com.hirebuddha.commons.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from the beginning, as an independent consumer group, until the records
 * it waits for have arrived: what a downstream service would see.
 */
public final class TopicProbe implements AutoCloseable {

	private final KafkaConsumer<String, String> consumer;

	private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

	public TopicProbe(String bootstrapServers, String topic) {
		this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				"earliest", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
		this.consumer.subscribe(List.of(topic));
	}

	/**
	 * Polls until enough matching records arrived, or the timeout passed.
	 * @param matching which records count
	 * @param count how many to wait for
	 * @param timeout how long to wait at most
	 * @return every matching record seen so far, possibly fewer than asked for
	 */
	public List<ConsumerRecord<String, String>> await(Predicate<ConsumerRecord<String, String>> matching, int count,
			Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (matches(matching).size() < count && System.nanoTime() < deadline) {
			this.consumer.poll(Duration.ofMillis(200)).forEach(this.seen::add);
		}
		return matches(matching);
	}

	/**
	 * Keeps reading for a while, so duplicates that arrive late are counted too.
	 * @param matching which records count
	 * @param quiet how long to keep reading
	 * @return every matching record seen
	 */
	public List<ConsumerRecord<String, String>> settle(Predicate<ConsumerRecord<String, String>> matching,
			Duration quiet) {
		long deadline = System.nanoTime() + quiet.toNanos();
		while (System.nanoTime() < deadline) {
			this.consumer.poll(Duration.ofMillis(200)).forEach(this.seen::add);
		}
		return matches(matching);
	}

	private List<ConsumerRecord<String, String>> matches(Predicate<ConsumerRecord<String, String>> matching) {
		return this.seen.stream().filter(matching).toList();
	}

	@Override
	public void close() {
		this.consumer.close(Duration.ofSeconds(2));
	}

}
