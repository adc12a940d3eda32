package com.hirebuddha.commons.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Envelopes survive the round trip to JSON, and anything that is not an envelope is
 * refused as an {@link InvalidEventException}, which skips retries and goes to the
 * dead-letter topic.
 */
class EventCodecTests {

	private final EventCodec codec = new EventCodec(JsonMapper.builder().build());

	record Payload(UUID tenantId, String name) {
	}

	@Test
	void envelopeRoundTrips() {
		UUID tenantId = UUID.randomUUID();
		EventEnvelope envelope = new EventEnvelope(EventEnvelope.SPEC_VERSION, UUID.randomUUID(), "test.created.v1",
				"/test", Instant.parse("2026-01-02T03:04:05Z"), tenantId, this.codec.tree(new Payload(tenantId, "x")));
		String json = this.codec.write(envelope);
		assertThat(json).contains("\"time\":\"2026-01-02T03:04:05Z\"").contains("\"specversion\":\"1.0\"");
		EventEnvelope read = this.codec.read(json);
		assertThat(read).isEqualTo(envelope);
		assertThat(this.codec.data(read, Payload.class)).isEqualTo(new Payload(tenantId, "x"));
	}

	/**
	 * An event whose type and key are components kept out of the payload, as
	 * {@code EmailTokenIssued}'s are.
	 */
	record Typed(UUID tenantId, String name, @JsonIgnore String type, @JsonIgnore UUID subject) implements Event {

		@Override
		public String topic() {
			return Topics.TENANT_EVENTS;
		}

		@Override
		public String key() {
			return this.subject.toString();
		}

		@Override
		public @Nullable UUID tenant() {
			return this.tenantId;
		}

	}

	@Test
	void anEventsTopicKeyTypeAndTenantAreTheEnvelopesNotItsPayload() {
		UUID tenantId = UUID.randomUUID();
		Typed event = new Typed(tenantId, "x", "test.typed.v1", UUID.randomUUID());
		assertThat(this.codec.tree(event).propertyNames()).containsExactly("tenantId", "name");
	}

	@Test
	void unknownPayloadFieldsAreIgnoredSoProducersCanGrowEvents() {
		EventEnvelope envelope = new EventEnvelope(EventEnvelope.SPEC_VERSION, UUID.randomUUID(), "t.v1", "/test",
				Instant.now(), null, this.codec.tree(Map.of("name", "n", "addedLater", 42)));
		assertThat(this.codec.data(envelope, Payload.class).name()).isEqualTo("n");
	}

	@ParameterizedTest
	@ValueSource(strings = { "not json", "{}", "{\"id\":\"" + "8f2f6f0e-3c1a-4f58-9d8e-0a1b2c3d4e5f" + "\"}",
			"{\"id\":\"not-a-uuid\",\"type\":\"t\",\"data\":{}}", "[]" })
	void whatIsNotAnEnvelopeIsInvalid(String json) {
		assertThatThrownBy(() -> this.codec.read(json)).isInstanceOf(InvalidEventException.class);
	}

}
