package com.hirebuddha.worker.providers;

import java.util.List;

/**
 * The models the platform knows, by provider. The local simulator is always there and
 * says it is simulated; the others are available to a tenant once a key (its own or the
 * platform's) or, for Ollama, an address is configured.
 */
public final class ModelCatalog {

	/** Providers a tenant may configure a key for. */
	static final List<String> CONFIGURABLE = List.of("openai", "anthropic", "gemini", "ollama", "openai-compatible");

	static final List<Entry> MODELS = List.of(
			new Entry("simulator", "sim-1", "HireBuddha simulator (simulated, deterministic)", true, 500_000,
					1_500_000),
			new Entry("openai", "gpt-4.1", "OpenAI GPT-4.1", false, 2_000_000, 8_000_000),
			new Entry("openai", "gpt-4.1-mini", "OpenAI GPT-4.1 mini", false, 400_000, 1_600_000),
			new Entry("openai", "gpt-4o-mini", "OpenAI GPT-4o mini", false, 150_000, 600_000),
			new Entry("anthropic", "claude-sonnet-4-5", "Anthropic Claude Sonnet 4.5", false, 3_000_000, 15_000_000),
			new Entry("anthropic", "claude-haiku-4-5", "Anthropic Claude Haiku 4.5", false, 1_000_000, 5_000_000),
			new Entry("gemini", "gemini-2.5-pro", "Google Gemini 2.5 Pro", false, 1_250_000, 10_000_000),
			new Entry("gemini", "gemini-2.5-flash", "Google Gemini 2.5 Flash", false, 300_000, 2_500_000),
			new Entry("ollama", "llama3.1", "Llama 3.1 on Ollama", false, 0, 0),
			new Entry("openai-compatible", "*", "Any model behind an OpenAI-compatible base URL", false, 0, 0));

	private ModelCatalog() {
	}

	/**
	 * The catalog entry of a model; a model the catalog does not list (a tenant's own
	 * Ollama or OpenAI-compatible model) has no list price.
	 * @param provider the provider id
	 * @param model the provider's model name
	 * @return the entry
	 */
	public static Entry find(String provider, String model) {
		return MODELS.stream()
			.filter((entry) -> entry.provider().equals(provider) && entry.model().equals(model))
			.findFirst()
			.orElseGet(() -> new Entry(provider, model, provider + " " + model, "simulator".equals(provider), 0, 0));
	}

	/**
	 * One model.
	 *
	 * @param provider the provider id
	 * @param model the provider's model name ({@code *}: whatever the endpoint serves)
	 * @param label what the console shows
	 * @param simulated true for the local simulator
	 * @param inputMicrosPerMillion list price of a million prompt tokens, in millionths
	 * of a US dollar
	 * @param outputMicrosPerMillion list price of a million completion tokens
	 */
	public record Entry(String provider, String model, String label, boolean simulated, long inputMicrosPerMillion,
			long outputMicrosPerMillion) {

		/**
		 * What tokens cost at list price, rounded half up to a micro-dollar.
		 * @param inputTokens prompt tokens
		 * @param outputTokens completion tokens
		 * @return the cost in millionths of a US dollar
		 */
		public long costMicros(long inputTokens, long outputTokens) {
			return Math.floorDiv(Math.addExact(Math.multiplyExact(inputTokens, this.inputMicrosPerMillion),
					Math.multiplyExact(outputTokens, this.outputMicrosPerMillion)) + 500_000, 1_000_000);
		}

	}

}
