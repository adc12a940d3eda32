package com.hirebuddha.billing.ledger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.hirebuddha.commons.events.EventCodec;
import com.hirebuddha.commons.events.EventEnvelope;
import com.hirebuddha.commons.events.Topics;
import com.hirebuddha.commons.kafka.BatchListenerConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code usage.recorded} a poll at a time: the whole poll is priced and written
 * in one transaction, and its offsets are committed after it. If the batch fails, its
 * events are written one by one, so only a poison event is retried and dead-lettered.
 */
@Component
class UsageListener {

	private static final Logger log = LoggerFactory.getLogger(UsageListener.class);

	private final EventCodec codec;

	private final Ledger ledger;

	UsageListener(EventCodec codec, Ledger ledger) {
		this.codec = codec;
		this.ledger = ledger;
	}

	@KafkaListener(id = "billing-service.usage-recorded", topics = Topics.USAGE_RECORDED,
			containerFactory = BatchListenerConfiguration.BATCH_FACTORY, batch = "true",
			properties = "max.poll.records=2000")
	void onUsage(List<String> values) {
		try {
			this.ledger.record(usage(values));
		}
		catch (RuntimeException ex) {
			log.warn("a batch of {} usage events failed ({}); writing them one by one", values.size(), ex.toString());
			for (int i = 0; i < values.size(); i++) {
				try {
					this.ledger.record(usage(List.of(values.get(i))));
				}
				catch (RuntimeException failure) {
					throw new BatchListenerFailedException("usage event failed", failure, i);
				}
			}
		}
	}

	private Map<UUID, UsageRecorded> usage(List<String> values) {
		Map<UUID, UsageRecorded> events = new LinkedHashMap<>();
		for (String value : values) {
			EventEnvelope envelope = this.codec.read(value);
			if (UsageRecorded.TYPE.equals(envelope.type())) {
				events.putIfAbsent(envelope.id(), this.codec.data(envelope, UsageRecorded.class).checked());
			}
		}
		return events;
	}

}
