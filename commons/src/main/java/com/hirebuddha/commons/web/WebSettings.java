package com.hirebuddha.commons.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every servlet service's request handling ({@code hb.web.*}).
 *
 * @param maxConcurrentRequests requests handled at once before the rest queue
 * @param queueTimeout how long a queued request waits before it is answered 503
 */
@ConfigurationProperties("hb.web")
public record WebSettings(@DefaultValue("200") int maxConcurrentRequests, @DefaultValue("2s") Duration queueTimeout) {
}
