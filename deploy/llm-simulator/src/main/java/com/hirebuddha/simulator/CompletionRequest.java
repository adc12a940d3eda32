package com.hirebuddha.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The parts of an OpenAI chat completion request that the simulator uses.
 *
 * @param model the requested model, {@code sim-1} when none was given
 * @param messages the messages, reduced to their role and text
 * @param maxTokens the completion token limit, if any
 * @param stream whether to stream the completion as server-sent events
 * @param includeUsage whether a stream ends with a usage chunk
 * @param directives the directives in the last user message
 */
record CompletionRequest(String model, List<ChatMessage> messages, OptionalInt maxTokens, boolean stream,
		boolean includeUsage, Directives directives) {

	/** The model that the simulator serves. */
	static final String DEFAULT_MODEL = "sim-1";

	/**
	 * Parses a request body.
	 * @param body the JSON body
	 * @param mapper the JSON mapper
	 * @return the request
	 * @throws OpenAiException a 400 failure for bad JSON or missing messages
	 */
	static CompletionRequest parse(byte[] body, ObjectMapper mapper) {
		JsonNode root = readTree(body, mapper);
		List<ChatMessage> messages = messages(root.path("messages"));
		JsonNode model = root.path("model");
		String modelName = (model.isString() && !model.asString().isBlank()) ? model.asString() : DEFAULT_MODEL;
		JsonNode limit = root.path("max_completion_tokens");
		OptionalInt maxTokens = maxTokens(isAbsent(limit) ? root.path("max_tokens") : limit);
		boolean stream = isTrue(root.path("stream"));
		boolean includeUsage = isTrue(root.path("stream_options").path("include_usage"));
		return new CompletionRequest(modelName, messages, maxTokens, stream, includeUsage, directives(messages));
	}

	private static JsonNode readTree(byte[] body, ObjectMapper mapper) {
		try {
			JsonNode root = mapper.readTree(body);
			if (root != null && root.isObject()) {
				return root;
			}
		}
		catch (JacksonException ex) {
			// reported below
		}
		throw OpenAiException.badRequest("invalid_json",
				"We could not parse the JSON body of your request: expected a JSON object.");
	}

	private static List<ChatMessage> messages(JsonNode messages) {
		if (!messages.isArray() || messages.isEmpty()) {
			throw OpenAiException.badRequest("missing_messages",
					"'messages' is required and must be a non-empty array.");
		}
		List<ChatMessage> result = new ArrayList<>(messages.size());
		for (int i = 0; i < messages.size(); i++) {
			JsonNode message = messages.get(i);
			JsonNode role = message.path("role");
			if (!role.isString() || role.asString().isBlank()) {
				throw OpenAiException.badRequest("invalid_message", "'messages[" + i + "].role' is required.");
			}
			result.add(new ChatMessage(role.asString(), text(message.path("content"), i)));
		}
		return List.copyOf(result);
	}

	private static String text(JsonNode content, int index) {
		if (content.isString()) {
			return content.asString();
		}
		if (isAbsent(content)) {
			return "";
		}
		if (!content.isArray()) {
			throw OpenAiException.badRequest("invalid_message",
					"'messages[" + index + "].content' must be a string or an array of parts.");
		}
		List<String> texts = new ArrayList<>();
		for (JsonNode part : content) {
			if ("text".equals(part.path("type").asString("")) && part.path("text").isString()) {
				texts.add(part.path("text").asString());
			}
		}
		return String.join("\n", texts);
	}

	private static OptionalInt maxTokens(JsonNode limit) {
		if (isAbsent(limit)) {
			return OptionalInt.empty();
		}
		if (!limit.isIntegralNumber() || !limit.canConvertToInt() || limit.intValue() < 1) {
			throw OpenAiException.badRequest("invalid_value",
					"'max_tokens' and 'max_completion_tokens' must be a whole number of at least 1.");
		}
		return OptionalInt.of(limit.intValue());
	}

	private static Directives directives(List<ChatMessage> messages) {
		for (int i = messages.size() - 1; i >= 0; i--) {
			if ("user".equals(messages.get(i).role())) {
				return Directives.parse(messages.get(i).text());
			}
		}
		return Directives.NONE;
	}

	private static boolean isAbsent(JsonNode node) {
		return node.isMissingNode() || node.isNull();
	}

	private static boolean isTrue(JsonNode node) {
		return node.isBoolean() && node.booleanValue();
	}

	/**
	 * One message of the conversation, reduced to its role and text.
	 *
	 * @param role the author's role
	 * @param text the text content; text parts of an array content are joined by new
	 * lines
	 */
	record ChatMessage(String role, String text) {

	}

}
