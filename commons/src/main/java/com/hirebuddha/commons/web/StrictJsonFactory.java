package com.hirebuddha.commons.web;

import java.io.DataInput;
import java.io.InputStream;
import java.io.Reader;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.IOContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonFactoryBuilder;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.core.util.JsonParserDelegate;

/**
 * A JSON factory whose parsers hold every string value and every member name to the
 * {@link InputPolicy} as they read it, wherever it sits: a record field, a value or a key
 * deep inside an untyped map. Checking in the parser rather than in deserializers is what
 * makes it complete for everything that is read (an unknown member that is skipped is not
 * read, and not stored).
 */
final class StrictJsonFactory extends JsonFactory {

	StrictJsonFactory(JsonFactoryBuilder builder) {
		super(builder);
	}

	private StrictJsonFactory(StrictJsonFactory source) {
		super(source);
	}

	@Override
	public StrictJsonFactory copy() {
		return new StrictJsonFactory(this);
	}

	@Override
	public StrictJsonFactory snapshot() {
		return this;
	}

	@Override
	protected JsonParser _createParser(ObjectReadContext context, IOContext io, InputStream in) {
		return new Checked(super._createParser(context, io, in));
	}

	@Override
	protected JsonParser _createParser(ObjectReadContext context, IOContext io, Reader reader) {
		return new Checked(super._createParser(context, io, reader));
	}

	@Override
	protected JsonParser _createParser(ObjectReadContext context, IOContext io, char[] data, int offset, int length,
			boolean recyclable) {
		return new Checked(super._createParser(context, io, data, offset, length, recyclable));
	}

	@Override
	protected JsonParser _createParser(ObjectReadContext context, IOContext io, byte[] data, int offset, int length) {
		return new Checked(super._createParser(context, io, data, offset, length));
	}

	@Override
	protected JsonParser _createParser(ObjectReadContext context, IOContext io, DataInput in) {
		return new Checked(super._createParser(context, io, in));
	}

	/**
	 * Checks each string and name token as the parser advances to it; the base class's
	 * {@code nextStringValue} and friends go through {@link #nextToken()}.
	 */
	private static final class Checked extends JsonParserDelegate {

		Checked(JsonParser delegate) {
			super(delegate);
		}

		@Override
		public JsonToken nextToken() {
			return check(this.delegate.nextToken());
		}

		@Override
		public JsonToken nextValue() {
			return check(this.delegate.nextValue());
		}

		@Override
		public String nextName() {
			String name = this.delegate.nextName();
			if (name != null && !InputPolicy.storable(name)) {
				throw new UnstorableTextException(this, true);
			}
			return name;
		}

		@Override
		public boolean nextName(SerializableString expected) {
			// a match is a name the application knows, which is storable
			boolean matched = this.delegate.nextName(expected);
			if (!matched) {
				check(this.delegate.currentToken());
			}
			return matched;
		}

		@Override
		public int nextNameMatch(PropertyNameMatcher matcher) {
			int index = this.delegate.nextNameMatch(matcher);
			check(this.delegate.currentToken());
			return index;
		}

		private JsonToken check(JsonToken token) {
			if (token == JsonToken.VALUE_STRING && !InputPolicy.storable(this.delegate.getString())) {
				throw new UnstorableTextException(this, false);
			}
			if (token == JsonToken.PROPERTY_NAME && !InputPolicy.storable(this.delegate.currentName())) {
				throw new UnstorableTextException(this, true);
			}
			return token;
		}

	}

}
