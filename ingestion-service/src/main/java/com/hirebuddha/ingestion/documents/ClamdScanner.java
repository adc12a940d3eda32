package com.hirebuddha.ingestion.documents;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.hirebuddha.commons.web.ApiException;
import com.hirebuddha.ingestion.documents.UploadProperties.Clamd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Asks clamd whether a file is infected, with its {@code zINSTREAM} command over a Unix
 * or TCP socket, before the file is stored. Configured or not
 * ({@code hb.ingestion.upload.clamd}): without a scanner every file passes, and the
 * start-up log says so. A scanner that is configured but does not answer refuses the
 * upload (503): a file is never stored unscanned when scanning was asked for.
 */
@Component
class ClamdScanner {

	private static final Logger log = LoggerFactory.getLogger(ClamdScanner.class);

	private static final int CHUNK = 64 * 1024;

	private final Clamd clamd;

	private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

	ClamdScanner(UploadProperties properties) {
		this.clamd = properties.clamd();
		if (this.clamd.configured()) {
			log.info("Uploads are scanned by clamd at {}", where());
		}
		else {
			log.info("No malware scanner is configured (hb.ingestion.upload.clamd): uploads are not scanned");
		}
	}

	/**
	 * Scans a file.
	 * @param file the bytes
	 * @return the signature clamd found, empty if the file is clean or no scanner is set
	 * @throws ApiException 503 if the configured scanner cannot say
	 */
	Optional<String> scan(Path file) {
		if (!this.clamd.configured()) {
			return Optional.empty();
		}
		Future<String> answer = this.calls.submit(() -> ask(file));
		String reply;
		try {
			reply = answer.get(this.clamd.timeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			answer.cancel(true);
			log.warn("clamd at {} did not answer: {}", where(), ex.toString());
			throw unavailable();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw unavailable();
		}
		// "stream: OK", "stream: Eicar-Signature FOUND", "... ERROR"
		if (reply.endsWith(" FOUND")) {
			String signature = reply.substring(reply.indexOf(':') + 1, reply.length() - " FOUND".length()).strip();
			return Optional.of(signature);
		}
		if (reply.endsWith(" OK")) {
			return Optional.empty();
		}
		log.warn("clamd at {} answered {}", where(), reply);
		throw unavailable();
	}

	private String ask(Path file) throws IOException {
		try (SocketChannel channel = open()) {
			channel.write(ByteBuffer.wrap("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII)));
			byte[] buffer = new byte[CHUNK];
			try (InputStream in = Files.newInputStream(file)) {
				int read;
				while ((read = in.readNBytes(buffer, 0, CHUNK)) > 0) {
					channel.write(ByteBuffer.allocate(4).putInt(0, read));
					channel.write(ByteBuffer.wrap(buffer, 0, read));
				}
			}
			channel.write(ByteBuffer.allocate(4).putInt(0, 0));
			byte[] reply = Channels.newInputStream(channel).readNBytes(4096);
			return new String(reply, StandardCharsets.US_ASCII).replace("\0", "").strip();
		}
	}

	private SocketChannel open() throws IOException {
		String socket = this.clamd.socket();
		if (socket != null && !socket.isBlank()) {
			SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
			channel.connect(UnixDomainSocketAddress.of(socket));
			return channel;
		}
		return SocketChannel.open(new InetSocketAddress(Objects.requireNonNull(this.clamd.host()), this.clamd.port()));
	}

	private String where() {
		String socket = this.clamd.socket();
		return (socket != null && !socket.isBlank()) ? socket : this.clamd.host() + ":" + this.clamd.port();
	}

	private static ApiException unavailable() {
		return ApiException.unavailable("scanner-unavailable",
				"The malware scanner did not answer; nothing was stored. Try again shortly.",
				java.time.Duration.ofSeconds(10));
	}

}
