package com.hirebuddha.gateway.web;

import java.util.UUID;
import java.util.regex.Pattern;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every request an {@code X-Request-Id} (the caller's when well formed, else a new
 * UUID), forwards it to the service, echoes it to the caller and writes one access-log
 * line per request. A {@link WebFilter}, not a route filter, so unrouted requests and
 * errors carry the id too. The access line carries the request's trace and span ids,
 * taken from the request's observation: the gateway does not copy the tracing context
 * into thread locals around every Reactor operator
 * ({@code spring.reactor.context-propagation:
 * limited}), which would cost more CPU than the proxying itself.
 */
@Component
class RequestIdFilter implements WebFilter, Ordered {

	static final String HEADER = "X-Request-Id";

	static final String ATTRIBUTE = "requestId";

	private static final Logger log = LoggerFactory.getLogger("access");

	private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String incoming = exchange.getRequest().getHeaders().getFirst(HEADER);
		String requestId = (incoming != null && WELL_FORMED.matcher(incoming).matches()) ? incoming
				: UUID.randomUUID().toString();
		ServerHttpRequest request = exchange.getRequest()
			.mutate()
			.headers((headers) -> headers.set(HEADER, requestId))
			.build();
		exchange.getAttributes().put(ATTRIBUTE, requestId);
		exchange.getResponse().getHeaders().set(HEADER, requestId);
		long started = System.nanoTime();
		return chain.filter(exchange.mutate().request(request).build())
			.doFinally((signal) -> logAccess(exchange, requestId, started));
	}

	private void logAccess(ServerWebExchange exchange, String requestId, long started) {
		if (exchange.getRequest().getPath().value().startsWith("/actuator")) {
			return;
		}
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		TraceContext trace = traceOf(exchange);
		if (trace != null) {
			MDC.put("traceId", trace.traceId());
			MDC.put("spanId", trace.spanId());
		}
		try {
			log.atInfo()
				.addKeyValue("requestId", requestId)
				.addKeyValue("route", (route != null) ? route.getId() : "none")
				.addKeyValue("status", exchange.getResponse().getStatusCode())
				.addKeyValue("durationMs", (System.nanoTime() - started) / 1_000_000)
				.log("{} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath());
		}
		finally {
			if (trace != null) {
				MDC.remove("traceId");
				MDC.remove("spanId");
			}
		}
	}

	// the server span the framework opened for this request (absent when tracing is off)
	private static @Nullable TraceContext traceOf(ServerWebExchange exchange) {
		ServerRequestObservationContext observation = ServerRequestObservationContext
			.findCurrent(exchange.getAttributes())
			.orElse(null);
		TracingObservationHandler.TracingContext tracing = (observation != null)
				? observation.get(TracingObservationHandler.TracingContext.class) : null;
		Span span = (tracing != null) ? tracing.getSpan() : null;
		return (span != null) ? span.context() : null;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
