/**
 * Health indicators for infrastructure Spring Boot does not cover itself.
 */
@NullMarked
package com.hirebuddha.commons.health;

import org.jspecify.annotations.NullMarked;
