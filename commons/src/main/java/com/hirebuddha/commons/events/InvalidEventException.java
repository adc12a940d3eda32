package com.hirebuddha.commons.events;

/**
 * A record that can never be processed, however often it is retried; it goes straight to
 * the dead-letter topic.
 */
public class InvalidEventException extends RuntimeException {

	public InvalidEventException(String message) {
		super(message);
	}

}
