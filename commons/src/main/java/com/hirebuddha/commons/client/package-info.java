/**
 * Calls to other services and outside parties, one way: a {@code *Client} built from the
 * injected {@code RestClient.Builder} (observations and trace propagation), its base URL
 * and timeouts in a properties record ({@link Downstream}), the caller's token passed on
 * ({@link CallerToken}), and a downstream problem+json answer passed through
 * ({@link DownstreamProblem}).
 */
@NullMarked
package com.hirebuddha.commons.client;

import org.jspecify.annotations.NullMarked;
