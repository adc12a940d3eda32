package com.hirebuddha.gateway.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;

/**
 * A request Netty cannot parse (headers over the size limit, a header value with control
 * characters, a malformed request line) is answered by Reactor Netty itself, before any
 * filter, with an empty body. This handler, right after the HTTP codec, turns that answer
 * into problem+json with the security headers and a request id, like every other answer
 * of the gateway. Reactor Netty has no hook for it (reactor/reactor-netty#3327 suggests
 * this handler).
 */
@Component
class DecodeFailureProblems implements NettyServerCustomizer {

	@Override
	public HttpServer apply(HttpServer server) {
		return server.doOnChannelInit((observer, channel, address) -> {
			// absent on HTTP/2 stream channels
			if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
				channel.pipeline().addAfter(NettyPipeline.HttpCodec, "hb.decodeFailureProblems", new Rewriter());
			}
		});
	}

	/**
	 * Remembers a decoding failure as it comes in, and rewrites the empty answer to it on
	 * its way out.
	 */
	static final class Rewriter extends ChannelDuplexHandler {

		private static final AttributeKey<Boolean> FAILED = AttributeKey.valueOf("hb.decodeFailed");

		private static final JsonMapper JSON = JsonMapper.builder().build();

		@Override
		public void channelRead(ChannelHandlerContext context, Object message) {
			if (message instanceof HttpObject object && object.decoderResult().isFailure()) {
				context.channel().attr(FAILED).set(Boolean.TRUE);
			}
			context.fireChannelRead(message);
		}

		@Override
		public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
			// Reactor Netty's answer to the failure closes the connection; an earlier
			// request's empty 4xx on the same connection does not
			if (message instanceof FullHttpResponse response && response.content().readableBytes() == 0
					&& response.status().code() >= 400
					&& response.headers().contains(HttpHeaderNames.CONNECTION, "close", true)
					&& context.channel().attr(FAILED).getAndSet(null) != null) {
				FullHttpResponse answer;
				try {
					answer = problem(response);
				}
				catch (RuntimeException ex) {
					context.write(message, promise);
					return;
				}
				context.write(answer, promise);
				ReferenceCountUtil.release(response);
				return;
			}
			context.write(message, promise);
		}

		private static FullHttpResponse problem(FullHttpResponse refused) {
			int status = refused.status().code();
			String requestId = UUID.randomUUID().toString();
			Map<String, Object> problem = new LinkedHashMap<>();
			problem.put("type", Problems.TYPES + switch (status) {
				case 431 -> "header-too-large";
				case 414 -> "uri-too-long";
				default -> "bad-request";
			});
			problem.put("title", refused.status().reasonPhrase());
			problem.put("status", status);
			problem.put("detail", switch (status) {
				case 431 -> "The request's headers are over the limit of 16 KB.";
				case 414 -> "The request line is over the limit.";
				default -> "The request could not be read as HTTP: a malformed request line, header name, "
						+ "or a header value with control characters.";
			});
			problem.put("requestId", requestId);
			byte[] body = JSON.writeValueAsBytes(problem);
			FullHttpResponse answer = new DefaultFullHttpResponse(refused.protocolVersion(), refused.status(),
					Unpooled.wrappedBuffer(body), refused.headers().copy(), refused.trailingHeaders().copy());
			HttpHeaders headers = answer.headers();
			headers.set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
				.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
				.set("X-Request-Id", requestId);
			SecurityHeaders.apply(headers::contains, headers::set, false);
			return answer;
		}

	}

}
