/**
 * Cross-cutting web behaviour of the gateway: request ids, access logs and problem+json
 * errors.
 */
@NullMarked
package com.hirebuddha.gateway.web;

import org.jspecify.annotations.NullMarked;
