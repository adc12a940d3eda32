import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Prints, one per line, every record value of a topic (from the beginning) that contains a
 * string; reads until the topic is quiet for two seconds or the time limit passes. Used by the
 * smoke checks to look at what downstream services receive, for example usage.recorded.
 *
 * <p>Usage: {@code TopicGrep <bootstrap> <topic> <contains> <seconds>}
 */
class TopicGrep {

	public static void main(String[] args) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
				ConsumerConfig.GROUP_ID_CONFIG, "topic-grep-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		long until = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[3])).toNanos();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
			consumer.subscribe(List.of(args[1]));
			long quietSince = System.nanoTime();
			boolean assigned = false;
			while (System.nanoTime() < until) {
				var records = consumer.poll(Duration.ofMillis(250));
				assigned = assigned || !consumer.assignment().isEmpty();
				if (!records.isEmpty()) {
					quietSince = System.nanoTime();
				}
				for (ConsumerRecord<String, String> record : records) {
					if (record.value() != null && record.value().contains(args[2])) {
						System.out.println(record.value());
					}
				}
				if (assigned && records.isEmpty() && System.nanoTime() - quietSince > Duration.ofSeconds(2).toNanos()) {
					break;
				}
			}
		}
	}

}
