package com.hirebuddha.ingestion.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.hirebuddha.ingestion.text.ExtractedText;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.xml.sax.SAXException;

/**
 * Extracts a document's text, bounded: one parse at a time per worker thread, each with a
 * time limit (the parse runs on its own thread and is abandoned at the limit), a limit on
 * the characters it may yield (so the text held in memory is bounded whatever the file
 * claims), and Tika's and POI's zip-bomb checks. Text formats are read as the UTF-8 the
 * upload was checked to be; Markdown headings ({@code #}-lines) are found here, those of
 * HTML and Office files come from Tika.
 */
final class Extractor {

	private static final Pattern MARKDOWN_HEADING = Pattern.compile("(?m)^(#{1,6})[ \\t]+(.+?)[ \\t#]*$");

	private static final Pattern FENCE = Pattern.compile("(?m)^(```|~~~)");

	private final Parser parser = new AutoDetectParser();

	private final ExecutorService parses = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "ingestion-parse");
		thread.setDaemon(true);
		return thread;
	});

	private final PipelineProperties limits;

	Extractor(PipelineProperties limits) {
		this.limits = limits;
	}

	/**
	 * Extracts a stored original.
	 * @param file the original
	 * @param mediaType its detected type
	 * @return its text
	 * @throws Unextractable if the file cannot yield text (encrypted, malformed, a bomb,
	 * too slow, too long, or no text at all)
	 * @throws IOException if the file cannot be read
	 */
	ExtractedText extract(Path file, String mediaType) throws IOException {
		ExtractedText extracted = switch (mediaType) {
			case "text/plain", "text/csv" -> plain(file);
			case "text/markdown" -> markdown(file);
			default -> parse(file, mediaType);
		};
		if (extracted.text().isBlank()) {
			throw new Unextractable("it contains no text");
		}
		return extracted;
	}

	private ExtractedText plain(Path file) throws IOException {
		return new ExtractedText(read(file), List.of(), List.of());
	}

	private ExtractedText markdown(Path file) throws IOException {
		String text = read(file);
		List<ExtractedText.Heading> headings = new ArrayList<>();
		Matcher matcher = MARKDOWN_HEADING.matcher(text);
		boolean inFence = false;
		int scanned = 0;
		while (matcher.find()) {
			// a # inside a fenced code block is code, not a heading
			inFence ^= countFences(text, scanned, matcher.start()) % 2 == 1;
			scanned = matcher.start();
			if (!inFence) {
				headings.add(new ExtractedText.Heading(matcher.group(1).length(), matcher.group(2).strip(),
						matcher.start()));
			}
		}
		return new ExtractedText(text, List.of(), headings);
	}

	private static int countFences(String text, int from, int to) {
		int count = 0;
		Matcher fence = FENCE.matcher(text).region(from, to);
		while (fence.find()) {
			count++;
		}
		return count;
	}

	private String read(Path file) throws IOException {
		long size = Files.size(file);
		if (size > this.limits.maxTextChars() * 4L) {
			throw new Unextractable(
					"its text is longer than the limit of " + this.limits.maxTextChars() + " characters");
		}
		String text = Files.readString(file, StandardCharsets.UTF_8);
		if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
			text = text.substring(1);
		}
		if (text.length() > this.limits.maxTextChars()) {
			throw new Unextractable(
					"its text is longer than the limit of " + this.limits.maxTextChars() + " characters");
		}
		return text;
	}

	private ExtractedText parse(Path file, String mediaType) throws IOException {
		TextHandler handler = new TextHandler(this.limits.maxTextChars());
		Future<ExtractedText> parse = this.parses.submit(() -> {
			Metadata metadata = new Metadata();
			metadata.set(Metadata.CONTENT_TYPE, mediaType);
			try (InputStream in = TikaInputStream.get(file)) {
				this.parser.parse(in, handler, metadata, new ParseContext());
			}
			return handler.result();
		});
		try {
			return parse.get(this.limits.parseTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			parse.cancel(true);
			throw new Unextractable("extracting its text took longer than the limit of "
					+ this.limits.parseTimeout().toSeconds() + " s");
		}
		catch (InterruptedException ex) {
			parse.cancel(true);
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while extracting", ex);
		}
		catch (ExecutionException ex) {
			throw explain(Objects.requireNonNullElse(ex.getCause(), ex));
		}
	}

	// what the parser's failure means for the uploader
	private static RuntimeException explain(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof TextHandler.TooMuchText tooMuch) {
				return new Unextractable(String.valueOf(tooMuch.getMessage()));
			}
			if (cause instanceof WriteLimitReachedException) {
				return new Unextractable("its text is longer than the limit");
			}
			if (cause instanceof EncryptedDocumentException) {
				return new Unextractable("it is encrypted or password-protected");
			}
			String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
			if (message.contains("zip bomb") || message.contains("zipbomb") || message.contains("nested too deep")
					|| message.contains("inflate ratio") || message.contains("max entry size")) {
				return new Unextractable("it looks like a zip bomb (it expands far beyond its size)");
			}
		}
		if (failure instanceof OutOfMemoryError) {
			return new Unextractable("extracting its text needed more memory than a document may use");
		}
		if (failure instanceof TikaException || failure instanceof SAXException || failure instanceof IOException
				|| failure instanceof RuntimeException) {
			String detail = String.valueOf(failure.getMessage());
			return new Unextractable("it could not be parsed as the type its content claims ("
					+ ((detail.length() > 200) ? detail.substring(0, 200) : detail) + ")");
		}
		return new Unextractable("it could not be parsed (" + failure.getClass().getSimpleName() + ")");
	}

	/**
	 * A document that cannot yield text: it fails at once with this reason, since trying
	 * again would fail the same way.
	 */
	static final class Unextractable extends RuntimeException {

		Unextractable(String reason) {
			super(reason, null, false, false);
		}

	}

}
