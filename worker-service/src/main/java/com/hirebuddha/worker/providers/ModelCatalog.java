package com.hirebuddha.worker.providers;

import java.util.List;

/**
 * The models the platform knows, by provider. The local simulator is always there and
 * says it is simulated; the others are available to a tenant once a key (its own or the
 * platform's) or, for Ollama, an address is configured.
 */
final class ModelCatalog {

	/** Providers a tenant may configure a key for. */
	static final List<String> CONFIGURABLE = List.of("openai", "anthropic", "gemini", "ollama", "openai-compatible");

	static final List<Entry> MODELS = List.of(
			new Entry("simulator", "sim-1", "HireBuddha simulator (simulated, deterministic)", true),
			new Entry("openai", "gpt-4.1", "OpenAI GPT-4.1", false),
			new Entry("openai", "gpt-4.1-mini", "OpenAI GPT-4.1 mini", false),
			new Entry("openai", "gpt-4o-mini", "OpenAI GPT-4o mini", false),
			new Entry("anthropic", "claude-sonnet-4-5", "Anthropic Claude Sonnet 4.5", false),
			new Entry("anthropic", "claude-haiku-4-5", "Anthropic Claude Haiku 4.5", false),
			new Entry("gemini", "gemini-2.5-pro", "Google Gemini 2.5 Pro", false),
			new Entry("gemini", "gemini-2.5-flash", "Google Gemini 2.5 Flash", false),
			new Entry("ollama", "llama3.1", "Llama 3.1 on Ollama", false),
			new Entry("openai-compatible", "*", "Any model behind an OpenAI-compatible base URL", false));

	private ModelCatalog() {
	}

	/**
	 * One model.
	 *
	 * @param provider the provider id
	 * @param model the provider's model name ({@code *}: whatever the endpoint serves)
	 * @param label what the console shows
	 * @param simulated true for the local simulator
	 */
	record Entry(String provider, String model, String label, boolean simulated) {
	}

}
