package com.hirebuddha.ingestion.documents;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of an upload ({@code hb.ingestion.upload.*}).
 *
 * @param maxFileSize the largest file (or text) a document may be
 * @param maxFiles the most files one request may carry
 * @param clamd the malware scanner, if one is configured
 */
@ConfigurationProperties("hb.ingestion.upload")
public record UploadProperties(@DefaultValue("50MB") DataSize maxFileSize, @DefaultValue("20") int maxFiles,
		@DefaultValue Clamd clamd) {

	/**
	 * clamd, asked over its socket with {@code INSTREAM} before a file is stored.
	 *
	 * @param socket a Unix socket path, for example {@code /run/clamav/clamd.ctl}
	 * @param host a TCP host, when no socket is set
	 * @param port its port
	 * @param timeout how long one scan may take
	 */
	public record Clamd(@Nullable String socket, @Nullable String host, @DefaultValue("3310") int port,
			@DefaultValue("30s") Duration timeout) {

		/**
		 * Whether a scanner is configured.
		 * @return true if a socket or a host is set
		 */
		public boolean configured() {
			return (this.socket != null && !this.socket.isBlank()) || (this.host != null && !this.host.isBlank());
		}

	}

}
