package com.hirebuddha.gateway.web;

import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses request bodies over the limit with 413: 50 MB for multipart uploads of
 * documents ({@code POST /api/v1/knowledge-bases/{id}/documents}), 2 MB everywhere else,
 * JSON included. A declared {@code Content-Length} is checked before anything is read; a
 * chunked body is counted as it streams and cut off at the limit.
 */
@Component
class BodyLimitFilter implements WebFilter, Ordered {

	static final long JSON_LIMIT = DataSize.ofMegabytes(2).toBytes();

	static final long UPLOAD_LIMIT = DataSize.ofMegabytes(50).toBytes();

	private static final Pattern UPLOAD_PATH = Pattern.compile("/api/v1/knowledge-bases/[^/]+/documents/?");

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		long limit = isUpload(request) ? UPLOAD_LIMIT : JSON_LIMIT;
		long declared = request.getHeaders().getContentLength();
		if (declared > limit) {
			return tooLarge(exchange, limit);
		}
		if (declared >= 0) {
			return chain.filter(exchange);
		}
		AtomicLong seen = new AtomicLong();
		ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
			@Override
			public Flux<DataBuffer> getBody() {
				return super.getBody().handle((buffer, sink) -> {
					if (seen.addAndGet(buffer.readableByteCount()) > limit) {
						DataBufferUtils.release(buffer);
						sink.error(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE));
					}
					else {
						sink.next(buffer);
					}
				});
			}
		};
		return chain.filter(exchange.mutate().request(counted).build());
	}

	static boolean isUpload(ServerHttpRequest request) {
		return isUpload(request.getMethod(), request.getPath().value(), request.getHeaders().getContentType());
	}

	static boolean isUpload(HttpMethod method, String path, @Nullable MediaType type) {
		return HttpMethod.POST.equals(method) && UPLOAD_PATH.matcher(path).matches() && type != null
				&& MediaType.MULTIPART_FORM_DATA.includes(type);
	}

	private static Mono<Void> tooLarge(ServerWebExchange exchange, long limit) {
		return Problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
				"The request body is over the limit of " + (limit / (1024 * 1024)) + " MB for this endpoint.");
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 4;
	}

}
