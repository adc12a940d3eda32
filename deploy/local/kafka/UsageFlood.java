import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes a flood of usage.recorded events for one tenant, shaped as the worker publishes
 * them (id derived from execution, node and attempt), each a call of simulator/sim-1 with 1,000
 * input and 500 output tokens. Used by make bench (ledger throughput) and the smoke check that
 * kills billing-service mid-flood. Prints {@code sent=<n> seconds=<s>}.
 *
 * <p>Usage: {@code UsageFlood <bootstrap> <tenantId> <count> [events per second] [occurredAt]
 * [partnerId]}: a rate of 0 (or none) sends as fast as the broker takes them; occurredAt
 * (ISO-8601) backdates the calls, now by default; partnerId bills them through a partner.
 */
class UsageFlood {

	public static void main(String[] args) throws Exception {
		String tenant = args[1];
		int count = Integer.parseInt(args[2]);
		int rate = (args.length > 3) ? Integer.parseInt(args[3]) : 0;
		String occurredAt = (args.length > 4) ? Instant.parse(args[4]).toString() : null;
		String partner = (args.length > 5) ? "\"" + UUID.fromString(args[5]) + "\"" : "null";
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
				ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		AtomicInteger failed = new AtomicInteger();
		long started = System.nanoTime();
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
			for (int i = 0; i < count; i++) {
				if (rate > 0) {
					long wait = started + i * 1_000_000_000L / rate - System.nanoTime();
					if (wait > 0) {
						Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
					}
				}
				UUID execution = UUID.randomUUID();
				UUID id = UUID.nameUUIDFromBytes((execution + ":usage:agent:1").getBytes(StandardCharsets.UTF_8));
				String now = Instant.now().toString();
				String value = """
						{"specversion":"1.0","id":"%s","type":"hirebuddha.usage.recorded.v1","source":"/usage-flood",\
						"time":"%s","tenantId":"%s","data":{"executionId":"%s","nodeId":"agent","attempt":1,\
						"tenantId":"%s","partnerId":%s,"agentId":null,"agentVersion":null,"provider":"simulator",\
						"model":"sim-1","sku":"simulator/sim-1","inputTokens":1000,"outputTokens":500,"latencyMs":5,\
						"listCostMicros":1250,"simulated":true,"occurredAt":"%s"}}"""
					.formatted(id, now, tenant, execution, tenant, partner, (occurredAt != null) ? occurredAt : now);
				producer.send(new ProducerRecord<>("usage.recorded", tenant, value), (metadata, ex) -> {
					if (ex != null) {
						failed.incrementAndGet();
					}
				});
			}
			producer.flush();
		}
		if (failed.get() > 0) {
			System.err.println(failed.get() + " sends failed");
			System.exit(1);
		}
		System.out.printf("sent=%d seconds=%.2f%n", count, (System.nanoTime() - started) / 1e9);
	}

}
