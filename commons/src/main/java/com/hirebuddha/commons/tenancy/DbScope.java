package com.hirebuddha.commons.tenancy;

import java.util.UUID;
import java.util.function.Supplier;

import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.security.Roles;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The scope a database session runs in, as PostgreSQL sees it ({@code hb.scope},
 * {@code hb.tenant_id}, {@code hb.partner_id}). Taken from the validated caller of the
 * current request; work outside a request (relays, consumers, schedulers) runs as
 * {@code system}; a request without credentials runs as {@code anonymous}, which sees no
 * tenant's rows.
 *
 * @param kind {@code tenant}, {@code partner}, {@code platform}, {@code system} or
 * {@code anonymous}
 * @param tenantId the tenant whose rows are visible, if any
 * @param partnerId the partner whose rows are visible, if any
 */
public record DbScope(String kind, @Nullable UUID tenantId, @Nullable UUID partnerId) {

	private static final ThreadLocal<DbScope> OVERRIDE = new ThreadLocal<>();

	/** Background work of the service itself. */
	public static final DbScope SYSTEM = new DbScope("system", null, null);

	/** A request without credentials. */
	public static final DbScope ANONYMOUS = new DbScope("anonymous", null, null);

	/**
	 * One tenant's rows only.
	 * @param tenantId the tenant
	 * @return the scope
	 */
	public static DbScope tenant(UUID tenantId) {
		return new DbScope("tenant", tenantId, null);
	}

	/**
	 * The scope of the current thread: an explicit {@link #run} wins, then the request's
	 * caller.
	 * @return the scope
	 */
	public static DbScope current() {
		DbScope explicit = OVERRIDE.get();
		if (explicit != null) {
			return explicit;
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken token) {
			return of(Caller.of(token.getToken()));
		}
		return (RequestContextHolder.getRequestAttributes() != null) ? ANONYMOUS : SYSTEM;
	}

	/**
	 * The scope of a caller.
	 * @param caller the validated caller
	 * @return its scope
	 */
	public static DbScope of(Caller caller) {
		if (caller.hasRole(Roles.PLATFORM_ADMIN)) {
			return new DbScope("platform", caller.tenantId(), caller.partnerId());
		}
		if (caller.tenantId() != null) {
			return new DbScope("tenant", caller.tenantId(), null);
		}
		if (caller.partnerId() != null) {
			return new DbScope("partner", null, caller.partnerId());
		}
		return ANONYMOUS;
	}

	/**
	 * Runs work in an explicit scope, for consumers acting for the tenant of an event and
	 * for the few anonymous endpoints that must look across tenants (sign-in, key
	 * exchange). Database connections taken inside see this scope.
	 * @param scope the scope
	 * @param work the work
	 * @param <T> its result
	 * @return its result
	 */
	public static <T> T run(DbScope scope, Supplier<T> work) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			// the transaction's connection already carries its scope: a new one would not
			// apply
			throw new IllegalStateException("DbScope.run must be called outside a transaction");
		}
		DbScope previous = OVERRIDE.get();
		OVERRIDE.set(scope);
		try {
			return work.get();
		}
		finally {
			if (previous == null) {
				OVERRIDE.remove();
			}
			else {
				OVERRIDE.set(previous);
			}
		}
	}

	/**
	 * Runs work that returns nothing in an explicit scope, as
	 * {@link #run(DbScope, Supplier)}.
	 * @param scope the scope
	 * @param work the work
	 */
	public static void run(DbScope scope, Runnable work) {
		run(scope, () -> {
			work.run();
			return Boolean.TRUE;
		});
	}

}
