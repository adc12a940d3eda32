/**
 * Outbound HTTP for workflow {@code http} nodes: a small HTTP/1.1 client that refuses
 * non-public addresses (SSRF guard) and connects to the address it validated, so DNS
 * rebinding cannot redirect a call after the check.
 */
@NullMarked
package com.hirebuddha.worker.http;

import org.jspecify.annotations.NullMarked;
