package com.hirebuddha.commons.events;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The one place the size of an event is decided ({@code hb.events.*}). Every producer
 * refuses to write a bigger envelope, so a request whose event could not be carried is
 * refused when it is made instead of being accepted and never delivered; limits further
 * down (a workflow's output, say) are derived from it.
 *
 * @param maxBytes the largest envelope, in bytes of UTF-8 JSON; it stays below Kafka's
 * message limit (1 MiB: the producer's {@code max.request.size} and the broker's
 * {@code message.max.bytes}) with room for the record's key and framing
 */
@ConfigurationProperties("hb.events")
public record EventProperties(@DefaultValue("1000000") int maxBytes) {
}
