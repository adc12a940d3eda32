/**
 * The gateway: the platform's single entry, routing {@code /api/v1/<area>/**} to the
 * service that owns the area.
 */
@NullMarked
package com.hirebuddha.gateway;

import org.jspecify.annotations.NullMarked;
