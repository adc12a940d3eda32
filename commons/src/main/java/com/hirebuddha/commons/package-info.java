/**
 * Cross-cutting plumbing shared by every servlet service: event envelopes, the
 * transactional outbox and inbox, request ids, problem details and health. Never domain
 * types.
 */
@NullMarked
package com.hirebuddha.commons;

import org.jspecify.annotations.NullMarked;
