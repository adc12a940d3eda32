/**
 * Service tokens: short-lived access tokens a platform service obtains, with its own
 * credential, to act inside one tenant's scope where no caller's token exists (a run's
 * retrieval on the worker).
 */
@NullMarked
package com.hirebuddha.auth.services;

import org.jspecify.annotations.NullMarked;
