package com.hirebuddha.worker.providers;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's own key for a provider: write-only, so its {@code toString} never shows it.
 *
 * @param apiKey the provider's key
 * @param baseUrl where the provider answers, if not its default (required for
 * {@code openai-compatible} and {@code ollama})
 */
public record ProviderRequest(@NotBlank @Size(min = 8, max = 512) String apiKey,
		@Nullable @Size(max = 500) @Pattern(regexp = "https?://[^\\s]+",
				message = "must be an http(s) URL") String baseUrl) {

	@Override
	public String toString() {
		return "ProviderRequest[apiKey=***, baseUrl=" + this.baseUrl + "]";
	}

}
