package com.hirebuddha.commons.test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.hirebuddha.commons.web.PageQuery;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A test-only endpoint in every servlet service's test context: it echoes what the
 * service read, so {@link ServiceContractTests} can prove that each service's own mapper,
 * paging and filters hold the input policy, field by field.
 */
@RestController
public class InputPolicyProbe {

	/** Where the probe answers. */
	public static final String PATH = "/test/input-policy";

	@PostMapping(PATH)
	Probe echo(@Valid @RequestBody Probe probe) {
		return probe;
	}

	@GetMapping(PATH)
	Map<String, Object> page(PageQuery page, @RequestParam(required = false) @Nullable String q,
			@RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key) {
		return Map.of("page", page.page(), "size", page.size(), "q", String.valueOf(q), "key", String.valueOf(key));
	}

	/**
	 * One field of each kind a request carries.
	 *
	 * @param text a string
	 * @param count a whole number
	 * @param big a long whole number
	 * @param ratio a number
	 * @param flag a boolean
	 * @param id a UUID
	 * @param at an instant
	 * @param input free-form JSON, as a run's input is
	 * @param tags strings
	 */
	record Probe(@Nullable String text, @Nullable Integer count, @Nullable Long big, @Nullable Double ratio,
			@Nullable Boolean flag, @Nullable UUID id, @Nullable Instant at, @Nullable Map<String, Object> input,
			@Nullable List<String> tags) {
	}

}
