package com.hirebuddha.ingestion.documents;

import java.util.Map;

import com.hirebuddha.commons.web.ApiException;

import org.springframework.http.HttpStatus;

/**
 * An upload refused before anything was stored: 413 for a file over the limit, 415 for a
 * type the pipeline does not take, 422 for content that cannot be a document (empty, not
 * UTF-8, infected) or that would pass the tenant's storage limit.
 */
final class UploadRefused extends ApiException {

	private UploadRefused(HttpStatus status, String type, String title, String detail) {
		super(status, type, title, detail);
	}

	static UploadRefused tooLarge(String name, long limitBytes) {
		return new UploadRefused(HttpStatus.CONTENT_TOO_LARGE, "file-too-large", "File too large",
				name + " is over the limit of " + (limitBytes / (1024 * 1024)) + " MB per file; nothing was stored.");
	}

	static UploadRefused unsupported(String name) {
		return new UploadRefused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
				name + " is not a PDF, DOCX, PPTX, XLSX, HTML, Markdown, CSV or plain-text file (judged by its "
						+ "content, not its name); nothing was stored.");
	}

	static ApiException empty(String name) {
		return ApiException.invalid("empty-document", name + " is empty; nothing was stored.");
	}

	static ApiException notUtf8(String name) {
		return ApiException.invalid("invalid-encoding", name + " is not valid UTF-8 text; nothing was stored.");
	}

	static ApiException infected(String name, String signature) {
		return ApiException.invalid("malware-detected",
				name + " was refused by the malware scan (" + signature + "); nothing was stored.",
				Map.of("signature", signature));
	}

	static ApiException overStorage(long limitMb, long usedBytes, long addedBytes) {
		return ApiException.invalid("storage-limit-exceeded",
				"These files would take the tenant's knowledge-base storage to " + mb(usedBytes + addedBytes)
						+ " MB, over its plan's limit of " + limitMb + " MB; nothing was stored.",
				Map.of("limitMb", limitMb, "usedBytes", usedBytes, "addedBytes", addedBytes));
	}

	private static String mb(long bytes) {
		return String.format(java.util.Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
	}

}
