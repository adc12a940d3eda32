package com.hirebuddha.tenant.tenants;

/**
 * Why an organization's status changed.
 */
public enum ReasonCode {

	/** An admin decided. */
	MANUAL,

	/** The tenant spent its budget (billing policy). */
	OVER_BUDGET,

	/** An invoice is overdue (billing policy). */
	PAYMENT_OVERDUE,

	/** Its first admin could not be created; the registration was undone. */
	REGISTRATION_FAILED,

	/** Back to normal. */
	REACTIVATED

}
