package com.hirebuddha.ingestion.documents;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A plain-text document sent as JSON.
 *
 * @param name its name (a {@code .md} name makes it Markdown)
 * @param text its text
 * @param metadata what to attach, for search filters
 */
public record TextDocument(@NotBlank @Size(max = 500) String name, @NotNull String text,
		@Nullable @Size(max = 20) Map<String, Object> metadata) {
}
