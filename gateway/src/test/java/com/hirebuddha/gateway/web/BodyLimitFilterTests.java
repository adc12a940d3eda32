package com.hirebuddha.gateway.web;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only a multipart upload of documents gets the 50 MB limit; JSON keeps 2 MB everywhere.
 */
class BodyLimitFilterTests {

	private static final MediaType MULTIPART = MediaType.parseMediaType("multipart/form-data; boundary=x");

	@Test
	void theUploadLimitIsForMultipartDocumentsOnly() {
		assertThat(BodyLimitFilter.isUpload(HttpMethod.POST, "/api/v1/knowledge-bases/7/documents", MULTIPART))
			.isTrue();
		assertThat(BodyLimitFilter.isUpload(HttpMethod.POST, "/api/v1/knowledge-bases/7/documents",
				MediaType.APPLICATION_JSON))
			.isFalse();
		assertThat(BodyLimitFilter.isUpload(HttpMethod.POST, "/api/v1/knowledge-bases/7/search", MULTIPART)).isFalse();
		assertThat(BodyLimitFilter.isUpload(HttpMethod.PUT, "/api/v1/knowledge-bases/7/documents", MULTIPART))
			.isFalse();
		assertThat(BodyLimitFilter.isUpload(HttpMethod.POST, "/api/v1/agents", MULTIPART)).isFalse();
		assertThat(BodyLimitFilter.isUpload(HttpMethod.POST, "/api/v1/knowledge-bases/7/documents", null)).isFalse();
	}

}
