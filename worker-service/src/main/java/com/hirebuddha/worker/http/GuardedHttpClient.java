package com.hirebuddha.worker.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.net.ssl.SSLSocketFactory;

import org.jspecify.annotations.Nullable;

/**
 * The HTTP client behind workflow {@code http} nodes, which call URLs that tenants write.
 * It refuses any host that resolves to a loopback, private, link-local, CGNAT, multicast,
 * reserved or cloud-metadata address (unless the operator allowed the block in
 * {@link Settings#allowedCidrs()}; metadata addresses never), then connects to the very
 * address it checked, so a DNS answer that changes between check and connect (DNS
 * rebinding) has no effect. Redirects are followed by hand and each target is checked the
 * same way.
 * <p>
 * It speaks HTTP/1.1 with one connection per request ({@code Connection: close}), no
 * proxies, no compression and no cookies: enough for calling web APIs, and small enough
 * to read. Header values are never logged or put in exception messages, since they often
 * carry credentials. Instances are thread-safe.
 */
public final class GuardedHttpClient {

	private final Settings settings;

	private final AddressGuard guard;

	private final Http1Exchange exchange;

	/**
	 * Creates a client that resolves hosts with the system resolver and trusts the JVM's
	 * default trust store.
	 * @param settings the limits and allowed address blocks
	 * @throws IllegalArgumentException if an allowed block is not a valid CIDR
	 */
	public GuardedHttpClient(Settings settings) {
		this(settings, InetAddress::getAllByName, (SSLSocketFactory) SSLSocketFactory.getDefault());
	}

	GuardedHttpClient(Settings settings, AddressGuard.HostResolver resolver, SSLSocketFactory tlsSockets) {
		this.settings = settings;
		this.guard = new AddressGuard(settings.allowedCidrs(), resolver);
		this.exchange = new Http1Exchange(settings.connectTimeout(), tlsSockets,
				new ResponseParser(settings.maxResponseBytes()));
	}

	/**
	 * Sends the request, following redirects, within the request's timeout (capped at
	 * {@link Settings#maxTimeout()}); the timeout covers DNS, connecting, TLS and
	 * reading, for all redirects together.
	 * @param request the request
	 * @return the final response, whatever its status
	 * @throws HttpCallException if no response could be obtained; see
	 * {@link HttpCallException#reason()}
	 */
	public Response execute(Request request) throws HttpCallException {
		Duration timeout = (request.timeout().compareTo(this.settings.maxTimeout()) < 0) ? request.timeout()
				: this.settings.maxTimeout();
		Deadline deadline = Deadline.after(timeout);
		Hop hop = Hop.first(request);
		for (int redirects = 0;; redirects++) {
			ResponseParser.Raw response = send(hop, deadline);
			@Nullable String location = redirectLocation(response);
			if (location == null) {
				return new Response(response.status(), response.headers(), response.bodyAsString());
			}
			if (redirects >= this.settings.maxRedirects()) {
				throw HttpCallException.tooManyRedirects(this.settings.maxRedirects());
			}
			hop = hop.redirectedTo(response.status(), hop.target().redirect(location));
		}
	}

	/**
	 * Checks a URL without calling it: http(s), no credentials, and every address its
	 * host resolves to permitted. For addresses configured once and called later (a
	 * tenant's provider base URL), checked when saved and again before each call.
	 * @param url the URL
	 * @throws HttpCallException {@code invalid-url} or {@code forbidden-address}, or a
	 * lookup that failed
	 */
	public void check(String url) throws HttpCallException {
		this.guard.resolve(Target.parse(url).host(), Deadline.after(this.settings.connectTimeout()));
	}

	private ResponseParser.Raw send(Hop hop, Deadline deadline) throws HttpCallException {
		List<InetAddress> addresses = this.guard.resolve(hop.target().host(), deadline);
		try {
			return this.exchange.exchange(hop, addresses, deadline);
		}
		catch (IOException ex) {
			// After the deadline the watchdog has closed the socket, so the failure is a
			// "socket closed" rather than a timeout; it still means we ran out of time.
			if (ex instanceof SocketTimeoutException || deadline.expired()) {
				throw HttpCallException.timeout(deadline.budget(), ex);
			}
			throw HttpCallException.connectionFailed(hop.target().toString(), ex);
		}
	}

	private static @Nullable String redirectLocation(ResponseParser.Raw response) {
		return switch (response.status()) {
			case 301, 302, 303, 307, 308 -> {
				List<String> location = response.headers().get("Location");
				yield (location != null && !location.isEmpty()) ? location.get(0) : null;
			}
			default -> null;
		};
	}

	/**
	 * Limits and allowed address blocks of a {@link GuardedHttpClient}.
	 *
	 * @param connectTimeout the longest wait for a TCP connection (further capped by the
	 * call's timeout)
	 * @param maxTimeout the longest a call may take, whatever timeout it asks for
	 * @param maxResponseBytes the largest response body accepted; larger ones fail with
	 * {@code response-too-large}
	 * @param maxRedirects how many redirects a call may follow
	 * @param allowedCidrs blocks the operator allows although they are not public, such
	 * as {@code 10.1.0.0/16} for an internal API
	 */
	public record Settings(Duration connectTimeout, Duration maxTimeout, int maxResponseBytes, int maxRedirects,
			List<String> allowedCidrs) {

		public Settings {
			requirePositive(connectTimeout, "connectTimeout");
			requirePositive(maxTimeout, "maxTimeout");
			if (maxResponseBytes <= 0) {
				throw new IllegalArgumentException("maxResponseBytes must be positive");
			}
			if (maxRedirects < 0) {
				throw new IllegalArgumentException("maxRedirects must not be negative");
			}
			allowedCidrs = List.copyOf(allowedCidrs);
		}

		/**
		 * 5s to connect, 30s per call, 1 MiB responses, 5 redirects, no private blocks.
		 * @return the defaults
		 */
		public static Settings defaults() {
			return new Settings(Duration.ofSeconds(5), Duration.ofSeconds(30), 1_048_576, 5, List.of());
		}

	}

	/**
	 * A request to send.
	 *
	 * @param method GET, POST, PUT, PATCH, DELETE or HEAD, in any case
	 * @param url an absolute http or https URL without credentials
	 * @param headers headers to send, except the ones the client manages ({@code Host},
	 * {@code Content-Length}, {@code Transfer-Encoding}, {@code Connection} and the like)
	 * @param body the body, sent as UTF-8 (set {@code Content-Type} to match), or
	 * {@code null}
	 * @param timeout how long the whole call, redirects included, may take
	 */
	public record Request(String method, String url, Map<String, String> headers, @Nullable String body,
			Duration timeout) {

		public Request {
			Objects.requireNonNull(method, "method");
			Objects.requireNonNull(url, "url");
			headers = Map.copyOf(headers);
			requirePositive(timeout, "timeout");
		}

	}

	/**
	 * A response, whatever its status.
	 *
	 * @param status the status code
	 * @param headers the headers, looked up case-insensitively
	 * @param body the body decoded with the {@code Content-Type} charset (UTF-8 by
	 * default); empty for HEAD, 204 and 304
	 */
	public record Response(int status, Map<String, List<String>> headers, String body) {

		public Response {
			Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			headers.forEach((name, values) -> copy.merge(name, List.copyOf(values),
					(first, second) -> Stream.concat(first.stream(), second.stream()).toList()));
			headers = Collections.unmodifiableMap(copy);
			Objects.requireNonNull(body, "body");
		}

	}

	private static void requirePositive(Duration duration, String name) {
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive");
		}
	}

}
