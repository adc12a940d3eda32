package com.hirebuddha.commons.web;

/**
 * Which page of a list a client asks for ({@code ?page=&size=}), already checked against
 * the bounds every list endpoint shares: a page from 0 to {@link #MAX_PAGE} and a size
 * from 1 to the endpoint's maximum ({@link PageSize}). A controller takes it as a
 * parameter; {@link PageQueryArgumentResolver} refuses anything else with 400 before the
 * handler runs, so an offset can never overflow a database query.
 *
 * @param page the zero-based page number
 * @param size how many items a page holds
 */
public record PageQuery(int page, int size) {

	/** The highest page number accepted: deep enough for any list a person pages. */
	public static final int MAX_PAGE = 100_000;

	/**
	 * The first item of the page, for {@code OFFSET}.
	 * @return the offset
	 */
	public long offset() {
		return (long) this.page * this.size;
	}

}
