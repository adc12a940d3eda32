package com.hirebuddha.ingestion.documents;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;

import org.springframework.stereotype.Component;

/**
 * What an upload is, from its bytes: magic numbers and, for the Office formats, the
 * content types inside the zip; never from the file name. The name only tells apart what
 * the bytes cannot: a text file is Markdown or CSV when its name says so, plain text
 * otherwise. Text must be UTF-8.
 */
@Component
public class DocumentTypes {

	/** The types the pipeline extracts, with a short name for the API. */
	static final Map<String, String> ACCEPTED = Map.of("application/pdf", "pdf",
			"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx",
			"application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx",
			"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", "text/html", "html",
			"text/markdown", "markdown", "text/plain", "txt", "text/csv", "csv");

	private final Detector detector = TikaConfig.getDefaultConfig().getDetector();

	/**
	 * Detects the type of a stored upload.
	 * @param file the bytes
	 * @param name the name the client gave, only to tell Markdown and CSV from plain text
	 * @return the accepted media type, or empty if the content is of no accepted type
	 * @throws IOException if the file cannot be read
	 */
	public Optional<String> detect(Path file, String name) throws IOException {
		MediaType detected;
		try (TikaInputStream in = TikaInputStream.get(file)) {
			detected = this.detector.detect(in, new Metadata());
		}
		String type = detected.getBaseType().toString();
		if ("application/xhtml+xml".equals(type)) {
			type = "text/html";
		}
		if ("text/plain".equals(type)) {
			String lower = name.toLowerCase(Locale.ROOT);
			if (lower.endsWith(".md") || lower.endsWith(".markdown")) {
				type = "text/markdown";
			}
			else if (lower.endsWith(".csv")) {
				type = "text/csv";
			}
		}
		return ACCEPTED.containsKey(type) ? Optional.of(type) : Optional.empty();
	}

	/**
	 * Whether a text type's bytes are well-formed UTF-8 (a byte-order mark allowed).
	 * @param file the bytes
	 * @return true if they decode without error
	 * @throws IOException if the file cannot be read
	 */
	public static boolean isUtf8(Path file) throws IOException {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		CharBuffer out = CharBuffer.allocate(8192);
		byte[] chunk = new byte[8192];
		ByteBuffer pending = ByteBuffer.allocate(8192 + 8);
		try (InputStream in = Files.newInputStream(file)) {
			int read;
			while ((read = in.read(chunk)) != -1) {
				pending.put(chunk, 0, read).flip();
				try {
					while (true) {
						CoderResult result = decoder.decode(pending, out, false);
						out.clear();
						if (result.isUnderflow()) {
							break;
						}
						if (result.isError()) {
							result.throwException();
						}
					}
				}
				catch (CharacterCodingException ex) {
					return false;
				}
				pending.compact();
			}
			pending.flip();
			CoderResult end = decoder.decode(pending, out, true);
			return !end.isError() && !pending.hasRemaining();
		}
	}

	/**
	 * Whether a type is one of the text types.
	 * @param mediaType an accepted type
	 * @return true for HTML, Markdown, CSV and plain text
	 */
	public static boolean isText(String mediaType) {
		return mediaType.startsWith("text/");
	}

}
