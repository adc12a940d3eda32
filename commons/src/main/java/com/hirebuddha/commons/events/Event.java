package com.hirebuddha.commons.events;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An event's payload that knows where it goes: its topic, partition key, versioned type
 * and tenant, so publishing it reads {@code events.publish(new TenantCreated(...))}. Only
 * the record's components are its JSON; these methods are not (they are no getters), so a
 * component that serves one of them and must stay out of the payload is
 * {@code @JsonIgnore}d.
 */
public interface Event {

	/**
	 * The destination topic.
	 * @return one of {@link Topics}
	 */
	String topic();

	/**
	 * The partition key: the aggregate or tenant id, so order holds per key.
	 * @return the key
	 */
	String key();

	/**
	 * The versioned event type, for example {@code hirebuddha.tenant.created.v1}.
	 * @return the type
	 */
	String type();

	/**
	 * The tenant the event belongs to (the envelope's {@code tenantId}), if any.
	 * @return the tenant
	 */
	@Nullable UUID tenant();

}
