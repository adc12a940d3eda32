/**
 * Web plumbing every service shares: request ids and one RFC 9457 error vocabulary.
 */
@NullMarked
package com.hirebuddha.commons.web;

import org.jspecify.annotations.NullMarked;
