package com.hirebuddha.ingestion.documents;

import java.io.IOException;
import java.io.InputStream;

/**
 * One file of an upload request, as the controller received it.
 *
 * @param name the name the client gave it
 * @param content its bytes, opened once
 */
public record Upload(String name, Content content) {

	/**
	 * Opens an upload's bytes.
	 */
	@FunctionalInterface
	public interface Content {

		/**
		 * Opens the bytes.
		 * @return a stream the caller closes
		 * @throws IOException if they cannot be read
		 */
		InputStream open() throws IOException;

	}

}
