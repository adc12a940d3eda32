/**
 * The event envelope and topic names that every service publishes and consumes.
 */
@NullMarked
package com.hirebuddha.commons.events;

import org.jspecify.annotations.NullMarked;
