package com.hirebuddha.commons.jdbc;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Rows read through {@code JdbcClient.query(Class)}, which types each element as possibly
 * null because a single nullable column can map to null. A row mapped to a record, or a
 * column the schema declares {@code not null}, never is: {@link #present} checks that
 * once and gives the list its real type, so callers need no cast.
 */
public final class Rows {

	private Rows() {
	}

	/**
	 * The rows, each checked to be present.
	 * @param <T> what a row maps to
	 * @param rows the rows a query returned
	 * @return the same rows, typed as present
	 * @throws IllegalStateException if a row mapped to null: the query selected a
	 * nullable column and must say what absence means (with {@code coalesce}, or by
	 * keeping the elements nullable)
	 */
	@SuppressWarnings("NullAway")
	public static <T> List<T> present(List<@Nullable T> rows) {
		for (int i = 0; i < rows.size(); i++) {
			if (rows.get(i) == null) {
				throw new IllegalStateException("row " + i + " of a query mapped to null");
			}
		}
		return (List<T>) rows;
	}

}
