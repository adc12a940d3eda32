package com.hirebuddha.commons.web;

import java.util.List;

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
}
