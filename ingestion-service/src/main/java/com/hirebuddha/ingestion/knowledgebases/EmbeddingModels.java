package com.hirebuddha.ingestion.knowledgebases;

/**
 * The embedding models a knowledge base may name. Every one yields 384 dimensions, the
 * width of the chunk table's HNSW index (docs/knowledge.md, "Embeddings").
 */
public final class EmbeddingModels {

	/** all-MiniLM-L6-v2, quantized, in process: the default. */
	public static final String MINILM_QUANTIZED = "all-minilm-l6-v2-q";

	/** all-MiniLM-L6-v2 at full precision, in process. */
	public static final String MINILM = "all-minilm-l6-v2";

	/** What a request may name. */
	public static final String PATTERN = "all-minilm-l6-v2-q|all-minilm-l6-v2";

	/** The width of every stored embedding. */
	public static final int DIMENSIONS = 384;

	private EmbeddingModels() {
	}

	/**
	 * Whether a model runs inside this service.
	 * @param model the knowledge base's model
	 * @return true for the MiniLM models
	 */
	public static boolean inProcess(String model) {
		return MINILM_QUANTIZED.equals(model) || MINILM.equals(model);
	}

}
