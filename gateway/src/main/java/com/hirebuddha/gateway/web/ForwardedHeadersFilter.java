package com.hirebuddha.gateway.web;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.regex.Pattern;

import com.hirebuddha.gateway.GatewayProperties;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Tells the services who the client is and how it reached us, in headers no client can
 * forge: any {@code Forwarded} and {@code X-Forwarded-*} a client sent are replaced.
 * {@code X-Forwarded-For} becomes the client's address (the peer, or, when the peer is a
 * trusted proxy such as the ingress, the last address that proxy added); host, proto and
 * port are the gateway's public ones, so links and single-sign-on redirects built by a
 * service point at the gateway. Login throttling counts the address set here.
 */
@Component
public class ForwardedHeadersFilter implements WebFilter, Ordered {

	/** Exchange attribute holding the client's address. */
	public static final String CLIENT_ADDRESS = "hb.clientAddress";

	private static final List<String> CLIENT_SUPPLIED = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Host",
			"X-Forwarded-Proto", "X-Forwarded-Port", "X-Forwarded-Prefix", "X-Real-IP");

	private final Pattern trustedProxies;

	ForwardedHeadersFilter(GatewayProperties gateway) {
		// empty: nothing in front of the gateway is trusted, every client is its own peer
		String trusted = gateway.trustedProxies();
		this.trustedProxies = Pattern.compile(trusted.isBlank() ? "(?!)" : trusted);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		InetSocketAddress remote = request.getRemoteAddress();
		String peer = (remote != null) ? remote.getAddress().getHostAddress() : "0.0.0.0";
		boolean viaProxy = this.trustedProxies.matcher(peer).matches();
		HttpHeaders incoming = request.getHeaders();
		String client = viaProxy ? lastUntrusted(incoming.getFirst("X-Forwarded-For"), peer) : peer;
		@Nullable String proto = viaProxy ? first(incoming.getFirst("X-Forwarded-Proto"), request.getURI().getScheme())
				: request.getURI().getScheme();
		@Nullable String host = viaProxy ? first(incoming.getFirst("X-Forwarded-Host"), incoming.getFirst(HttpHeaders.HOST))
				: incoming.getFirst(HttpHeaders.HOST);
		exchange.getAttributes().put(CLIENT_ADDRESS, client);
		ServerHttpRequest forwarded = request.mutate().headers((headers) -> {
			CLIENT_SUPPLIED.forEach(headers::remove);
			headers.set("X-Forwarded-For", client);
			headers.set("X-Forwarded-Proto", proto);
			if (host != null) {
				headers.set("X-Forwarded-Host", host);
				headers.set("X-Forwarded-Port", port(host, proto));
			}
		}).build();
		return chain.filter(exchange.mutate().request(forwarded).build());
	}

	private String lastUntrusted(@Nullable String chain, String peer) {
		if (chain == null || chain.isBlank()) {
			return peer;
		}
		String[] hops = chain.split(",");
		for (int i = hops.length - 1; i >= 0; i--) {
			String hop = hops[i].strip();
			if (!this.trustedProxies.matcher(hop).matches()) {
				return hop;
			}
		}
		return hops[0].strip();
	}

	private static String port(String host, @Nullable String proto) {
		int colon = host.lastIndexOf(':');
		if (colon > host.lastIndexOf(']')) {
			return host.substring(colon + 1);
		}
		return "https".equals(proto) ? "443" : "80";
	}

	private static @Nullable String first(@Nullable String value, @Nullable String fallback) {
		return (value != null && !value.isBlank()) ? value.split(",")[0].strip() : fallback;
	}

	@Override
	public int getOrder() {
		// right after the request id, before API keys and security
		return Ordered.HIGHEST_PRECEDENCE + 2;
	}

}
