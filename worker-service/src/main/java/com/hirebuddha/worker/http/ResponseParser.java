package com.hirebuddha.worker.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Reads an HTTP/1.1 response (status line, headers, and a body framed by
 * {@code Content-Length}, chunked encoding or the end of the connection), refusing
 * anything larger than the limits instead of buffering it.
 */
final class ResponseParser {

	private static final int MAX_LINE_BYTES = 8 * 1024;

	private static final int MAX_HEADER_BYTES = 64 * 1024;

	private final int maxBodyBytes;

	ResponseParser(int maxBodyBytes) {
		this.maxBodyBytes = maxBodyBytes;
	}

	Raw read(InputStream in, String method) throws IOException, HttpCallException {
		Raw head;
		do {
			head = readHead(in);
		}
		while (head.status() >= 100 && head.status() < 200 && head.status() != 101);
		if (method.equals("HEAD") || head.status() < 200 || head.status() == 204 || head.status() == 304) {
			return head;
		}
		return new Raw(head.status(), head.headers(), readBody(in, head.headers()));
	}

	private Raw readHead(InputStream in) throws IOException, HttpCallException {
		int[] budget = { MAX_HEADER_BYTES };
		String statusLine = readLine(in, budget);
		if (!statusLine.matches("HTTP/1\\.[01] [1-9][0-9][0-9]( .*)?")) {
			throw new ProtocolException("Not an HTTP/1.x status line");
		}
		int status = Integer.parseInt(statusLine.substring(9, 12));
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (String line = readLine(in, budget); !line.isEmpty(); line = readLine(in, budget)) {
			int colon = line.indexOf(':');
			if (colon <= 0 || Character.isWhitespace(line.charAt(0))
					|| Character.isWhitespace(line.charAt(colon - 1))) {
				throw new ProtocolException("Malformed response header line");
			}
			headers.computeIfAbsent(line.substring(0, colon), (name) -> new ArrayList<>())
				.add(line.substring(colon + 1).strip());
		}
		return new Raw(status, headers, new byte[0]);
	}

	private byte[] readBody(InputStream in, Map<String, List<String>> headers) throws IOException, HttpCallException {
		Sink body = new Sink(this.maxBodyBytes);
		List<String> transferEncoding = headers.getOrDefault("Transfer-Encoding", List.of());
		if (!transferEncoding.isEmpty()) {
			String codings = String.join(",", transferEncoding).toLowerCase(Locale.ROOT);
			if (codings.strip().endsWith("chunked")) {
				readChunks(in, body);
			}
			else {
				copy(in, Long.MAX_VALUE, body, false);
			}
			return body.toByteArray();
		}
		@Nullable Long length = contentLength(headers);
		if (length != null && length > this.maxBodyBytes) {
			throw HttpCallException.responseTooLarge("response body", this.maxBodyBytes);
		}
		copy(in, (length != null) ? length : Long.MAX_VALUE, body, length != null);
		return body.toByteArray();
	}

	private void readChunks(InputStream in, Sink body) throws IOException, HttpCallException {
		int[] budget = { MAX_HEADER_BYTES };
		while (true) {
			String sizeLine = readLine(in, budget);
			int extension = sizeLine.indexOf(';');
			String size = ((extension < 0) ? sizeLine : sizeLine.substring(0, extension)).strip();
			long chunk;
			try {
				chunk = Long.parseLong(size, 16);
			}
			catch (NumberFormatException ex) {
				throw new ProtocolException("Malformed chunk size");
			}
			if (chunk < 0) {
				throw new ProtocolException("Malformed chunk size");
			}
			if (chunk == 0) {
				while (!readLine(in, budget).isEmpty()) {
					// trailers are ignored
				}
				return;
			}
			copy(in, chunk, body, true);
			if (!readLine(in, budget).isEmpty()) {
				throw new ProtocolException("Missing CRLF after chunk");
			}
			budget[0] = MAX_HEADER_BYTES;
		}
	}

	private static @Nullable Long contentLength(Map<String, List<String>> headers) throws ProtocolException {
		List<String> values = headers.get("Content-Length");
		if (values == null) {
			return null;
		}
		// Several equal values (or a comma-separated list of them) are allowed; differing
		// ones are how response smuggling starts.
		List<String> distinct = values.stream()
			.flatMap((value) -> List.of(value.split(",")).stream())
			.map(String::strip)
			.distinct()
			.toList();
		if (distinct.size() != 1 || !distinct.get(0).matches("[0-9]{1,18}")) {
			throw new ProtocolException("Invalid Content-Length");
		}
		return Long.parseLong(distinct.get(0));
	}

	private static void copy(InputStream in, long length, Sink sink, boolean exact)
			throws IOException, HttpCallException {
		byte[] buffer = new byte[8192];
		long remaining = length;
		while (remaining > 0) {
			int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
			if (read < 0) {
				if (exact) {
					throw new EOFException("Connection closed before the end of the response body");
				}
				return;
			}
			sink.write(buffer, read);
			remaining -= read;
		}
	}

	/**
	 * Reads a line ending in LF (CR before it dropped) as ISO-8859-1, charging its length
	 * to the budget.
	 */
	private static String readLine(InputStream in, int[] budget) throws IOException, HttpCallException {
		StringBuilder line = new StringBuilder();
		int lineBytes = 0;
		for (int c = in.read(); c != '\n'; c = in.read()) {
			if (c < 0) {
				throw new EOFException("Connection closed in the middle of the response head");
			}
			if (++lineBytes > MAX_LINE_BYTES) {
				throw HttpCallException.responseTooLarge("response header line", MAX_LINE_BYTES);
			}
			if (--budget[0] < 0) {
				throw HttpCallException.responseTooLarge("response head", MAX_HEADER_BYTES);
			}
			line.append((char) c);
		}
		int end = line.length();
		return (end > 0 && line.charAt(end - 1) == '\r') ? line.substring(0, end - 1) : line.toString();
	}

	/**
	 * A response as read off the wire, body still bytes.
	 *
	 * @param status the status code
	 * @param headers the headers, looked up case-insensitively
	 * @param body the body, empty if there was none
	 */
	record Raw(int status, Map<String, List<String>> headers, byte[] body) {

		Raw {
			headers = Collections.unmodifiableMap(headers);
		}

		String bodyAsString() {
			return new String(this.body, charset());
		}

		/**
		 * The {@code charset} of the {@code Content-Type}, UTF-8 if absent or unknown.
		 */
		private Charset charset() {
			for (String contentType : this.headers.getOrDefault("Content-Type", List.of())) {
				for (String parameter : contentType.split(";")) {
					String[] nameAndValue = parameter.split("=", 2);
					if (nameAndValue.length == 2 && nameAndValue[0].strip().equalsIgnoreCase("charset")) {
						try {
							return Charset.forName(nameAndValue[1].strip().replace("\"", ""));
						}
						catch (IllegalArgumentException ex) {
							return StandardCharsets.UTF_8;
						}
					}
				}
			}
			return StandardCharsets.UTF_8;
		}

	}

	/** Collects a body up to a limit. */
	private static final class Sink extends ByteArrayOutputStream {

		private final int limit;

		Sink(int limit) {
			this.limit = limit;
		}

		void write(byte[] bytes, int length) throws HttpCallException {
			if (count + length > this.limit) {
				throw HttpCallException.responseTooLarge("response body", this.limit);
			}
			write(bytes, 0, length);
		}

	}

}
