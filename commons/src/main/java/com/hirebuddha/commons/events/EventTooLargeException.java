package com.hirebuddha.commons.events;

import com.hirebuddha.commons.web.ApiException;

import org.springframework.http.HttpStatus;

/**
 * A request needs an event bigger than any event can be ({@link EventProperties}): 413,
 * and since the event is written in the request's transaction, nothing was stored.
 */
public class EventTooLargeException extends ApiException {

	private final int bytes;

	private final int limit;

	/**
	 * The event that could not be carried.
	 * @param bytes its size
	 * @param limit the largest size carried
	 */
	public EventTooLargeException(int bytes, int limit) {
		super(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Content Too Large",
				"This request would travel on as an event of " + bytes + " bytes, over the limit of " + limit
						+ " bytes (hb.events.max-bytes); nothing was stored. Send less, for example a smaller input.");
		this.bytes = bytes;
		this.limit = limit;
	}

	public int bytes() {
		return this.bytes;
	}

	public int limit() {
		return this.limit;
	}

}
