package com.hirebuddha.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Instants to and from JDBC: the PostgreSQL driver binds {@code Timestamp} (and
 * {@code OffsetDateTime}) but not {@code Instant}.
 */
public final class Sql {

	private Sql() {
	}

	/**
	 * An instant as a bindable parameter.
	 * @param instant the instant, or null
	 * @return the timestamp, or null
	 */
	public static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	/**
	 * Reads a {@code timestamptz} column.
	 * @param rs the result set
	 * @param column the column
	 * @return the instant, or null
	 */
	public static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
