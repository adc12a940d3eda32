package com.hirebuddha.ingestion.embedding;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;

import com.hirebuddha.ingestion.knowledgebases.EmbeddingModels;

import org.springframework.stereotype.Component;

/**
 * The in-process embedding models (all-MiniLM-L6-v2, quantized by default, full precision
 * as a knowledge base's setting), loaded from the jar on first use, never downloaded.
 * They run on their own small pool, so request threads never do the model's work; a model
 * splits a text longer than its input into parts and averages them.
 */
@Component
public class Embeddings {

	private final ExecutorService pool = Executors
		.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()), (task) -> {
			Thread thread = new Thread(task, "embedding");
			thread.setDaemon(true);
			return thread;
		});

	private final Map<String, AbstractInProcessEmbeddingModel> models = new ConcurrentHashMap<>();

	private final HuggingFaceTokenCountEstimator tokenizer = new HuggingFaceTokenCountEstimator();

	/**
	 * Embeds texts with a model.
	 * @param model the knowledge base's model
	 * @param texts the texts
	 * @return one vector each, and the tokens they took
	 */
	public Embedded embed(String model, List<String> texts) {
		Response<List<Embedding>> response = model(model).embedAll(texts.stream().map(TextSegment::from).toList());
		TokenUsage usage = response.tokenUsage();
		long tokens = (usage != null && usage.inputTokenCount() != null) ? usage.inputTokenCount()
				: texts.stream().mapToLong((text) -> countTokens(model, text)).sum();
		return new Embedded(response.content().stream().map(Embedding::vector).toList(), tokens);
	}

	/**
	 * Counts a text's tokens as a model sees them.
	 * @param model the model
	 * @param text the text
	 * @return its tokens
	 */
	public int countTokens(String model, String text) {
		// both models read text with the same WordPiece vocabulary (bert-base-uncased)
		return this.tokenizer.estimateTokenCountInText(text);
	}

	private AbstractInProcessEmbeddingModel model(String name) {
		return this.models.computeIfAbsent(name, (key) -> switch (key) {
			case EmbeddingModels.MINILM_QUANTIZED -> new AllMiniLmL6V2QuantizedEmbeddingModel(this.pool);
			case EmbeddingModels.MINILM -> new AllMiniLmL6V2EmbeddingModel(this.pool);
			default -> throw new IllegalArgumentException("not an in-process embedding model: " + key);
		});
	}

	/**
	 * What an embedding call gave.
	 *
	 * @param vectors one per text, in order, each {@link EmbeddingModels#DIMENSIONS} wide
	 * @param tokens the tokens the texts took
	 */
	public record Embedded(List<float[]> vectors, long tokens) {
	}

}
