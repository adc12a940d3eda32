package com.hirebuddha.commons.web;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * The input policy for JSON, applied to the mapper every service reads requests and
 * events with: strings are held to {@link InputPolicy} ({@link StrictJsonFactory}); a
 * number is never truncated or parsed out of a string, a string never made of a number, a
 * boolean never made of either; a double is finite; a member appears once; nesting, names
 * and numbers have bounds. What breaks a rule is a 400 naming the field
 * ({@link JsonProblems}).
 */
public final class StrictJson {

	/** Deepest nesting of objects and arrays accepted. */
	public static final int MAX_NESTING_DEPTH = 100;

	/** Longest member name, in characters. */
	public static final int MAX_NAME_LENGTH = 1_000;

	/** Longest number, in digits: a longer one cannot fit any field. */
	public static final int MAX_NUMBER_LENGTH = 100;

	/** Longest string, in characters (bodies are bounded before they get here). */
	public static final int MAX_STRING_LENGTH = 10_000_000;

	private StrictJson() {
	}

	/**
	 * A mapper builder whose parsers hold strings to the policy and read within bounds.
	 * @return the builder; {@link #strict} adds the rest of the policy
	 */
	public static JsonMapper.Builder builder() {
		JsonFactory factory = new StrictJsonFactory(JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder()
				.maxNestingDepth(MAX_NESTING_DEPTH)
				.maxNameLength(MAX_NAME_LENGTH)
				.maxNumberLength(MAX_NUMBER_LENGTH)
				.maxStringLength(MAX_STRING_LENGTH)
				.build()));
		return JsonMapper.builder(factory);
	}

	/**
	 * Applies the policy's rules for numbers, booleans and duplicate members.
	 * @param builder the builder
	 * @return the same builder
	 */
	public static JsonMapper.Builder strict(JsonMapper.Builder builder) {
		return builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.withCoercionConfig(LogicalType.Integer,
					(config) -> config.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Float,
					(config) -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Boolean,
					(config) -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Textual,
					(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.addModule(new SimpleModule("hirebuddha-finite-doubles")
				.addDeserializer(Double.TYPE, new FiniteDouble(Double.TYPE, 0.0))
				.addDeserializer(Double.class, new FiniteDouble(Double.class, null)));
	}

	/**
	 * {@code 1e400} is a number JSON can write and a double cannot hold: refused, not
	 * read as infinity.
	 */
	private static final class FiniteDouble extends NumberDeserializers.DoubleDeserializer {

		FiniteDouble(Class<Double> type, @Nullable Double emptyValue) {
			super(type, emptyValue);
		}

		@Override
		public Double deserialize(JsonParser parser, DeserializationContext context) {
			Double value = super.deserialize(parser, context);
			if (value != null && !Double.isFinite(value)) {
				return (Double) context.handleWeirdNumberValue(Double.class, value, "not a finite number");
			}
			return value;
		}

	}

}
