package com.hirebuddha.commons.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The page size a list endpoint uses when the client names none, and the largest it
 * accepts; without it, {@link #DEFAULT} and {@link #MAX}.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PageSize {

	/** The size of a page when the client does not say. */
	int DEFAULT = 20;

	/** The largest page most endpoints serve. */
	int MAX = 200;

	/**
	 * The size used without {@code ?size=}.
	 * @return the default size
	 */
	int value() default DEFAULT;

	/**
	 * The largest size accepted.
	 * @return the maximum
	 */
	int max() default MAX;

}
