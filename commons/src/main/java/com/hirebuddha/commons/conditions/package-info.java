/**
 * CEL conditions of workflows; the CEL dependency is optional, services that use this
 * package declare it.
 */
@NullMarked
package com.hirebuddha.commons.conditions;

import org.jspecify.annotations.NullMarked;
