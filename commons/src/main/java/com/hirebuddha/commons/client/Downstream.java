package com.hirebuddha.commons.client;

import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.web.client.RestClient;

/**
 * Where a downstream answers and how long a call to it may take: what every client's
 * {@code @ConfigurationProperties} record carries.
 */
public interface Downstream {

	/**
	 * The base URL, for example {@code http://127.0.0.1:8085}.
	 * @return the URL
	 */
	String url();

	/**
	 * Connecting to it.
	 * @return the connect timeout
	 */
	Duration connectTimeout();

	/**
	 * Waiting for its answer.
	 * @return the read timeout
	 */
	Duration readTimeout();

	/**
	 * A client for this downstream from the injected builder (which carries the
	 * observation and tracing customizations), with the base URL and both timeouts, over
	 * HTTP/1.1 with pooled connections (the JDK client would otherwise offer every
	 * request an h2c upgrade, which peers answer differently).
	 * @param builder the injected {@code RestClient.Builder} (a fresh copy per injection
	 * point)
	 * @return the builder, for headers a client adds
	 */
	default RestClient.Builder configure(RestClient.Builder builder) {
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withConnectTimeout(connectTimeout())
			.withReadTimeout(readTimeout());
		return builder.baseUrl(url())
			.requestFactory(ClientHttpRequestFactoryBuilder.jdk()
				.withHttpClientCustomizer((client) -> client.version(HttpClient.Version.HTTP_1_1))
				.build(settings));
	}

}
