package com.hirebuddha.worker.engine;

import java.time.Duration;

import com.hirebuddha.worker.http.GuardedHttpClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine's shared outbound client: {@code http} nodes call through it, and tenants'
 * provider base URLs are checked with it when saved and before each call.
 */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

	@Bean
	GuardedHttpClient guardedHttpClient(EngineProperties properties) {
		EngineProperties.Http http = properties.http();
		return new GuardedHttpClient(new GuardedHttpClient.Settings(Duration.ofSeconds(5), http.maxTimeout(),
				http.maxResponseBytes(), 5, http.allowedCidrs()));
	}

}
