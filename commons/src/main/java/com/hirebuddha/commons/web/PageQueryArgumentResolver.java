package com.hirebuddha.commons.web;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Reads {@code ?page=} and {@code ?size=} into a {@link PageQuery}: whole numbers within
 * bounds, or 400 {@code validation-failed} naming the parameter.
 */
final class PageQueryArgumentResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return PageQuery.class.equals(parameter.getParameterType());
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
			NativeWebRequest request, @Nullable WebDataBinderFactory binderFactory) {
		PageSize sizes = parameter.getParameterAnnotation(PageSize.class);
		int defaultSize = (sizes != null) ? sizes.value() : PageSize.DEFAULT;
		int maxSize = (sizes != null) ? sizes.max() : PageSize.MAX;
		int page = bounded(request.getParameter("page"), "page", 0, 0, PageQuery.MAX_PAGE);
		int size = bounded(request.getParameter("size"), "size", defaultSize, 1, maxSize);
		return new PageQuery(page, size);
	}

	private static int bounded(@Nullable String text, String name, int fallback, int min, int max) {
		if (text == null || text.isEmpty()) {
			return fallback;
		}
		String range = "must be a whole number from " + min + " to " + max;
		if (text.length() > 10 || !text.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			throw ApiException.invalidField(name, range);
		}
		long value = Long.parseLong(text);
		if (value < min || value > max) {
			throw ApiException.invalidField(name, range);
		}
		return (int) value;
	}

}
