package com.hirebuddha.gateway.web;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Puts {@link SecurityHeaders} on every answer just before it is sent, so that even the
 * gateway's earliest refusals (a body over the limit, a header it does not accept, a
 * method the firewall rejects) carry them; it runs right after the request id, before any
 * filter that may answer.
 */
@Component
class SecurityHeadersFilter implements WebFilter, Ordered {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		boolean secure = "https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme());
		exchange.getResponse().beforeCommit(() -> {
			HttpHeaders headers = exchange.getResponse().getHeaders();
			SecurityHeaders.apply(headers::containsHeader, headers::set, secure);
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

}
