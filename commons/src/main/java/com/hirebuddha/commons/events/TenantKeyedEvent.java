package com.hirebuddha.commons.events;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An event about one tenant, keyed by it (so a tenant's events keep their order) and
 * belonging to it: most of the platform's events. Its record has a {@code tenantId}
 * component.
 */
public interface TenantKeyedEvent extends Event {

	/**
	 * The tenant the event is about.
	 * @return its id
	 */
	UUID tenantId();

	@Override
	default String key() {
		return tenantId().toString();
	}

	@Override
	default @Nullable UUID tenant() {
		return tenantId();
	}

}
