package com.hirebuddha.orchestration.agents;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * What an agent is: the body of create and update.
 *
 * @param name display name
 * @param systemPrompt the persona
 * @param model which model answers, and how
 * @param knowledgeBaseIds knowledge bases it may search
 * @param tools tools it may call: {@code retrieval}, {@code http}, {@code agent}
 */
public record AgentRequest(@NotBlank @Size(max = 200) String name, @NotNull @Size(max = 100_000) String systemPrompt,
		@NotNull @Valid Model model, @Nullable @Size(max = 20) List<UUID> knowledgeBaseIds,
		@Nullable @Size(max = 10) List<@Pattern(regexp = "retrieval|http|agent") String> tools) {

	/**
	 * The model an agent talks to.
	 *
	 * @param provider {@code simulator}, {@code openai}, {@code anthropic},
	 * {@code gemini}, {@code ollama} or {@code openai-compatible}
	 * @param name the provider's model name, for example {@code sim-1}
	 * @param temperature sampling temperature
	 * @param maxTokens most tokens in an answer
	 */
	public record Model(
			@NotBlank @Pattern(regexp = "simulator|openai|anthropic|gemini|ollama|openai-compatible") String provider,
			@NotBlank @Size(max = 200) String name, @Nullable @DecimalMin("0.0") @DecimalMax("2.0") Double temperature,
			@Nullable @Min(1) @Max(200_000) Integer maxTokens) {
	}

}
