package com.hirebuddha.commons.events;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes {@link EventEnvelope}s and their payloads as JSON.
 */
public class EventCodec {

	private final JsonMapper mapper;

	public EventCodec(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Serializes an envelope for the wire.
	 * @param envelope the envelope
	 * @return its JSON text
	 */
	public String write(EventEnvelope envelope) {
		return this.mapper.writeValueAsString(envelope);
	}

	/**
	 * Parses an envelope received from Kafka.
	 * @param json the record value
	 * @return the envelope
	 * @throws InvalidEventException if the text is not a complete envelope
	 */
	public EventEnvelope read(String json) {
		try {
			EventEnvelope envelope = this.mapper.readValue(json, EventEnvelope.class);
			if (envelope.id() == null || envelope.type() == null || envelope.data() == null) {
				throw new InvalidEventException("event envelope lacks id, type or data");
			}
			return envelope;
		}
		catch (JacksonException ex) {
			throw new InvalidEventException("event is not valid JSON: " + ex.getOriginalMessage());
		}
	}

	/**
	 * Converts an envelope's payload to the consumer's own record type.
	 * @param <T> the payload type
	 * @param envelope the envelope
	 * @param type the payload class
	 * @return the payload
	 * @throws InvalidEventException if the payload does not fit the type
	 */
	public <T> T data(EventEnvelope envelope, Class<T> type) {
		try {
			return this.mapper.treeToValue(envelope.data(), type);
		}
		catch (JacksonException ex) {
			throw new InvalidEventException("payload of " + envelope.type() + " does not fit " + type.getSimpleName()
					+ ": " + ex.getOriginalMessage());
		}
	}

	/**
	 * Converts a payload record to the JSON tree an envelope carries.
	 * @param data the payload
	 * @return its JSON tree
	 */
	public JsonNode tree(Object data) {
		return this.mapper.valueToTree(data);
	}

}
