package com.hirebuddha.worker.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.hirebuddha.worker.http.GuardedHttpClient;
import com.hirebuddha.worker.http.HttpCallException;
import com.hirebuddha.worker.providers.ProviderCredentials;
import com.hirebuddha.worker.providers.ProviderHttpClient;
import com.hirebuddha.worker.providers.WorkerProperties;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * LangChain4j streaming models for each provider. A tenant's own key comes first, then
 * the platform's; the simulator needs neither. A tenant's own base URL must be a public
 * address (it is checked when saved and before each call; the platform's are trusted).
 * Models are built once per provider, model, settings and key (the key by its hash) and
 * share one HTTP client.
 */
@Component
class ChatModels {

	private static final int MAX_CACHED = 1_000;

	private final ProviderCredentials credentials;

	private final WorkerProperties properties;

	private final ProviderHttpClient http;

	private final Map<String, StreamingChatModel> models = new ConcurrentHashMap<>();

	private final GuardedHttpClient addresses;

	ChatModels(ProviderCredentials credentials, WorkerProperties properties, EngineProperties engine,
			GuardedHttpClient addresses) {
		this.addresses = addresses;
		this.credentials = credentials;
		this.properties = properties;
		this.http = new ProviderHttpClient(engine.providerConnectTimeout(), engine.providerResponseTimeout());
	}

	/**
	 * The model an agent names, with the tenant's credentials.
	 * @throws NodeFailure permanent {@code provider-not-configured} when there is no key
	 */
	Resolved model(UUID tenantId, RunRequest.Model model) throws NodeFailure {
		Endpoint endpoint = endpoint(tenantId, model.provider());
		String keyHash = hash(endpoint.apiKey());
		// one breaker and bulkhead per provider, endpoint and key: a tenant's broken
		// endpoint or revoked key cannot open the breaker for everybody else
		String guard = model.provider() + "|" + endpoint.baseUrl() + "|" + keyHash.substring(0, 16);
		String key = String.join("\u0000", model.provider(), model.name(), String.valueOf(model.temperature()),
				String.valueOf(model.maxTokens()), String.valueOf(endpoint.baseUrl()), keyHash);
		StreamingChatModel cached = this.models.get(key);
		if (cached == null) {
			if (this.models.size() >= MAX_CACHED) {
				this.models.clear();
			}
			cached = build(model, endpoint);
			this.models.put(key, cached);
		}
		return new Resolved(cached, guard);
	}

	/**
	 * A model ready to call, and the name of the guard (breaker and bulkhead) its calls
	 * go through.
	 *
	 * @param model the LangChain4j model
	 * @param guard provider, endpoint and a hash of the key
	 */
	record Resolved(StreamingChatModel model, String guard) {
	}

	private Endpoint endpoint(UUID tenantId, String provider) throws NodeFailure {
		WorkerProperties.Provider platform = this.properties.providers().get(provider);
		if ("simulator".equals(provider)) {
			String baseUrl = (platform != null) ? platform.baseUrl() : null;
			return new Endpoint("simulator", (baseUrl != null) ? baseUrl : "http://127.0.0.1:8099/v1");
		}
		ProviderCredentials.Credential own = this.credentials.credentialFor(tenantId, provider).orElse(null);
		if (own != null && own.baseUrl() != null) {
			try {
				// checked when saved; checked again, since a name may resolve elsewhere
				// now
				this.addresses.check(own.baseUrl());
			}
			catch (HttpCallException ex) {
				throw NodeFailure.permanent("forbidden-base-url",
						"the tenant's " + provider + " base URL may not be called: " + ex.getMessage());
			}
		}
		if (own != null) {
			return new Endpoint(own.apiKey(),
					(own.baseUrl() != null) ? own.baseUrl() : (platform != null) ? platform.baseUrl() : null);
		}
		if (platform != null && platform.configured()) {
			return new Endpoint((platform.apiKey() != null) ? platform.apiKey() : "", platform.baseUrl());
		}
		throw NodeFailure.permanent("provider-not-configured", "No key is configured for " + provider
				+ "; set one with PUT /api/v1/providers/" + provider + " or ask the platform operator.");
	}

	private StreamingChatModel build(RunRequest.Model model, Endpoint endpoint) throws NodeFailure {
		String baseUrl = blankToNull(endpoint.baseUrl());
		switch (model.provider()) {
			case "simulator", "openai", "openai-compatible" -> {
				if ("openai-compatible".equals(model.provider()) && baseUrl == null) {
					throw NodeFailure.permanent("provider-not-configured",
							"An OpenAI-compatible provider needs a base URL.");
				}
				OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder builder = OpenAiStreamingChatModel.builder()
					.httpClientBuilder(this.http.builder())
					.apiKey(endpoint.apiKey())
					.modelName(model.name())
					.temperature(model.temperature())
					.maxTokens(model.maxTokens());
				if (baseUrl != null) {
					builder.baseUrl(baseUrl);
				}
				return builder.build();
			}
			case "anthropic" -> {
				AnthropicStreamingChatModel.AnthropicStreamingChatModelBuilder builder = AnthropicStreamingChatModel
					.builder()
					.httpClientBuilder(this.http.builder())
					.apiKey(endpoint.apiKey())
					.modelName(model.name())
					.temperature(model.temperature())
					.maxTokens((model.maxTokens() != null) ? model.maxTokens() : 4096);
				if (baseUrl != null) {
					builder.baseUrl(baseUrl);
				}
				return builder.build();
			}
			case "gemini" -> {
				GoogleAiGeminiStreamingChatModel.GoogleAiGeminiStreamingChatModelBuilder builder = GoogleAiGeminiStreamingChatModel
					.builder()
					.httpClientBuilder(this.http.builder())
					.apiKey(endpoint.apiKey())
					.modelName(model.name())
					.temperature(model.temperature())
					.maxOutputTokens(model.maxTokens());
				if (baseUrl != null) {
					builder.baseUrl(baseUrl);
				}
				return builder.build();
			}
			case "ollama" -> {
				if (baseUrl == null) {
					throw NodeFailure.permanent("provider-not-configured", "Ollama needs a base URL.");
				}
				return OllamaStreamingChatModel.builder()
					.httpClientBuilder(this.http.builder())
					.baseUrl(baseUrl)
					.modelName(model.name())
					.temperature(model.temperature())
					.numPredict(model.maxTokens())
					.build();
			}
			default -> throw NodeFailure.permanent("unknown-provider", "Unknown provider " + model.provider());
		}
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	private static String hash(String secret) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Where a provider answers and with which key; {@code toString} hides the key.
	 */
	private record Endpoint(String apiKey, @Nullable String baseUrl) {

		@Override
		public String toString() {
			return "Endpoint[baseUrl=" + this.baseUrl + "]";
		}

	}

}
