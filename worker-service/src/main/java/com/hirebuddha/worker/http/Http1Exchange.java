package com.hirebuddha.worker.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.jspecify.annotations.Nullable;

/**
 * Sends one HTTP/1.1 request over a fresh connection to an address the guard already
 * validated, never to the host name, so a second DNS answer cannot change where it goes.
 * For https the TLS handshake still uses the host name, for SNI and to verify the
 * certificate.
 */
final class Http1Exchange {

	private static final String USER_AGENT = "HireBuddha-Worker";

	private static final Set<String> METHODS_WITH_CONTENT = Set.of("POST", "PUT", "PATCH");

	private final Duration connectTimeout;

	private final SSLSocketFactory tlsSockets;

	private final ResponseParser parser;

	Http1Exchange(Duration connectTimeout, SSLSocketFactory tlsSockets, ResponseParser parser) {
		this.connectTimeout = connectTimeout;
		this.tlsSockets = tlsSockets;
		this.parser = parser;
	}

	/**
	 * Connects to the first reachable address, sends the request and reads the response.
	 * @param hop the request
	 * @param addresses the validated addresses of the hop's host
	 * @param deadline when to give up; the connection is closed then, whatever it is
	 * doing
	 * @return the response
	 * @throws IOException if connecting, the TLS handshake or the exchange fails
	 * @throws HttpCallException if the response is too large
	 */
	ResponseParser.Raw exchange(Hop hop, List<InetAddress> addresses, Deadline deadline)
			throws IOException, HttpCallException {
		Socket raw = connect(addresses, hop.target().port(), deadline);
		// Socket timeouts bound each read, not the whole exchange, and not writes at all;
		// closing the socket at the deadline bounds everything.
		Thread watchdog = Thread.ofVirtual().start(() -> closeAt(raw, deadline));
		try (Socket socket = hop.target().tls() ? startTls(raw, hop.target()) : raw) {
			byte @Nullable [] body = (hop.body() != null) ? hop.body().getBytes(StandardCharsets.UTF_8) : null;
			OutputStream out = new BufferedOutputStream(socket.getOutputStream());
			out.write(head(hop, body));
			if (body != null) {
				out.write(body);
			}
			out.flush();
			return this.parser.read(new BufferedInputStream(socket.getInputStream()), hop.method());
		}
		finally {
			watchdog.interrupt();
			raw.close();
		}
	}

	private Socket connect(List<InetAddress> addresses, int port, Deadline deadline) throws IOException {
		@Nullable IOException failure = null;
		for (InetAddress address : addresses) {
			Socket socket = new Socket();
			try {
				socket.connect(new InetSocketAddress(address, port), deadline.remainingMillis(this.connectTimeout));
				socket.setSoTimeout(deadline.remainingMillis(Duration.ofDays(1)));
				return socket;
			}
			catch (IOException ex) {
				socket.close();
				if (failure != null) {
					ex.addSuppressed(failure);
				}
				failure = ex;
				if (deadline.expired()) {
					break;
				}
			}
		}
		throw (failure != null) ? failure : new IOException("No address to connect to");
	}

	private SSLSocket startTls(Socket raw, Target target) throws IOException {
		SSLSocket tls = (SSLSocket) this.tlsSockets.createSocket(raw, target.host(), target.port(), true);
		SSLParameters parameters = tls.getSSLParameters();
		// Verifies the certificate against the host name even though we connected to an
		// IP.
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		if (!target.isIpLiteral()) {
			parameters.setServerNames(List.of(new SNIHostName(stripTrailingDot(target.host()))));
		}
		tls.setSSLParameters(parameters);
		tls.startHandshake();
		return tls;
	}

	private static byte[] head(Hop hop, byte @Nullable [] body) {
		StringBuilder head = new StringBuilder();
		head.append(hop.method()).append(' ').append(hop.target().requestTarget()).append(" HTTP/1.1\r\n");
		appendHeader(head, "Host", hop.target().hostHeader());
		hop.headers().forEach((name, value) -> appendHeader(head, name, value));
		if (hop.headers().keySet().stream().noneMatch("User-Agent"::equalsIgnoreCase)) {
			appendHeader(head, "User-Agent", USER_AGENT);
		}
		if (body != null || METHODS_WITH_CONTENT.contains(hop.method())) {
			appendHeader(head, "Content-Length", String.valueOf((body != null) ? body.length : 0));
		}
		appendHeader(head, "Connection", "close");
		return head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
	}

	private static void appendHeader(StringBuilder head, String name, String value) {
		head.append(name).append(": ").append(value).append("\r\n");
	}

	private static String stripTrailingDot(String host) {
		return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
	}

	private static void closeAt(Socket socket, Deadline deadline) {
		try {
			Thread.sleep(Duration.ofNanos(Math.max(deadline.remainingNanos(), 0)));
			socket.close();
		}
		catch (InterruptedException | IOException ex) {
			// Interrupted: the exchange finished in time. Failing to close: nothing to
			// do.
		}
	}

}
