package com.hirebuddha.ingestion.embedding;

/**
 * Vectors as pgvector reads them.
 */
public final class Vectors {

	private Vectors() {
	}

	/**
	 * A vector's text form, {@code [0.1,0.2,...]}, for a {@code ::vector} cast.
	 * @param vector the vector
	 * @return its literal
	 */
	public static String literal(float[] vector) {
		StringBuilder out = new StringBuilder(vector.length * 10 + 2).append('[');
		for (int i = 0; i < vector.length; i++) {
			if (i > 0) {
				out.append(',');
			}
			out.append(vector[i]);
		}
		return out.append(']').toString();
	}

}
