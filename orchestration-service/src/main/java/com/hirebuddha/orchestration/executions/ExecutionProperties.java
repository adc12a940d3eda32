package com.hirebuddha.orchestration.executions;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Execution settings ({@code hb.executions.*}).
 *
 * @param timeout how long a run may take before the worker fails it
 * @param watchdogGrace how long past its deadline an unfinished run waits before this
 * service fails it (no worker is left to do so)
 * @param idempotencyWindow how long an {@code Idempotency-Key} names its request
 * @param heartbeat how often an idle event stream sends a comment to keep proxies open
 */
@ConfigurationProperties("hb.executions")
public record ExecutionProperties(@DefaultValue("30m") Duration timeout, @DefaultValue("2m") Duration watchdogGrace,
		@DefaultValue("24h") Duration idempotencyWindow, @DefaultValue("15s") Duration heartbeat) {
}
