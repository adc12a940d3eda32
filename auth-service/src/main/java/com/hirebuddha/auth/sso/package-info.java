/**
 * Single sign-on with any OpenID Connect provider configured by properties: authorization
 * code with PKCE, the provider's subject linked to a local user, newcomers placed by
 * invitation or by self-serve sign-up, and the result handed to the console as a one-time
 * code rather than tokens in a URL.
 */
@NullMarked
package com.hirebuddha.auth.sso;

import org.jspecify.annotations.NullMarked;
