package com.hirebuddha.simulator;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the OpenAI JSON bodies of one completion: the whole completion or its stream
 * chunks, all sharing one id.
 */
final class CompletionJson {

	/** The fingerprint that labels every completion as simulated. */
	static final String FINGERPRINT = "hirebuddha-simulator";

	private final ObjectMapper mapper;

	private final String id = "chatcmpl-sim" + UUID.randomUUID().toString().replace("-", "");

	private final long created = Instant.now().getEpochSecond();

	private final String model;

	private final boolean includeUsage;

	CompletionJson(ObjectMapper mapper, CompletionRequest request) {
		this.mapper = mapper;
		this.model = request.model();
		this.includeUsage = request.stream() && request.includeUsage();
	}

	ObjectNode completion(CompletionScript script) {
		ObjectNode root = envelope("chat.completion");
		ObjectNode choice = root.putArray("choices").addObject();
		choice.put("index", 0);
		ObjectNode message = choice.putObject("message");
		message.put("role", "assistant");
		message.put("content", script.text());
		message.putNull("refusal");
		choice.putNull("logprobs");
		choice.put("finish_reason", script.finishReason());
		root.set("usage", usage(script));
		return root;
	}

	ObjectNode roleChunk() {
		ObjectNode delta = this.mapper.createObjectNode();
		delta.put("role", "assistant");
		delta.put("content", "");
		return chunk(delta, null);
	}

	ObjectNode contentChunk(String piece) {
		ObjectNode delta = this.mapper.createObjectNode();
		delta.put("content", piece);
		return chunk(delta, null);
	}

	ObjectNode finishChunk(String finishReason) {
		return chunk(this.mapper.createObjectNode(), finishReason);
	}

	ObjectNode usageChunk(CompletionScript script) {
		ObjectNode root = envelope("chat.completion.chunk");
		root.putArray("choices");
		root.set("usage", usage(script));
		return root;
	}

	private ObjectNode chunk(ObjectNode delta, String finishReason) {
		ObjectNode root = envelope("chat.completion.chunk");
		ObjectNode choice = root.putArray("choices").addObject();
		choice.put("index", 0);
		choice.set("delta", delta);
		choice.putNull("logprobs");
		choice.put("finish_reason", finishReason);
		if (this.includeUsage) {
			root.putNull("usage");
		}
		return root;
	}

	private ObjectNode envelope(String object) {
		ObjectNode root = this.mapper.createObjectNode();
		root.put("id", this.id);
		root.put("object", object);
		root.put("created", this.created);
		root.put("model", this.model);
		root.put("system_fingerprint", FINGERPRINT);
		return root;
	}

	private ObjectNode usage(CompletionScript script) {
		ObjectNode usage = this.mapper.createObjectNode();
		usage.put("prompt_tokens", script.promptTokens());
		usage.put("completion_tokens", script.completionTokens());
		usage.put("total_tokens", script.totalTokens());
		return usage;
	}

}
