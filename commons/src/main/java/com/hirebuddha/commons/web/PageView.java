package com.hirebuddha.commons.web;

import java.util.List;
import java.util.function.Function;

import org.springframework.data.domain.Page;

/**
 * One page of a list endpoint: {@code {"items": [...], "page", "size", "total"}}.
 *
 * @param <T> the item view type
 * @param items the items of this page
 * @param page the zero-based page number
 * @param size the page size asked for
 * @param total how many items exist in all
 */
public record PageView<T>(List<T> items, int page, int size, long total) {

	/**
	 * Maps a Spring Data page to its view.
	 * @param <E> the entity type
	 * @param <T> the view type
	 * @param page the page of entities
	 * @param toView maps one entity to its view
	 * @return the page view
	 */
	public static <E, T> PageView<T> of(Page<E> page, Function<E, T> toView) {
		return new PageView<>(page.getContent().stream().map(toView).toList(), page.getNumber(), page.getSize(),
				page.getTotalElements());
	}

}
