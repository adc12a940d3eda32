package com.hirebuddha.billing.budgets;

import java.util.UUID;

import com.hirebuddha.billing.budgets.Reservations.Limit;
import com.hirebuddha.billing.budgets.Reservations.Standing;
import com.hirebuddha.billing.budgets.Reservations.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limit decision on its own: spent plus held plus the estimate, against money first
 * and tokens second, with the warning at the soft percentage of either.
 */
class LimitTests {

	private static final Standing NOTHING = new Standing(0, 0, 0, 0);

	private static Limit money(long micros) {
		return new Limit(UUID.randomUUID(), null, micros, null, 80);
	}

	private static Limit tokens(long tokens) {
		return new Limit(UUID.randomUUID(), null, null, tokens, 80);
	}

	@Test
	void aRunThatFitsBelowTheSoftShareIsWithin() {
		assertThat(money(1000).judge(NOTHING, 799, 0)).isEqualTo(Verdict.WITHIN);
		assertThat(tokens(1000).judge(NOTHING, 0, 799)).isEqualTo(Verdict.WITHIN);
	}

	@Test
	void reachingTheSoftShareWarnsAndTheLimitItselfStillFits() {
		assertThat(money(1000).judge(NOTHING, 800, 0)).isEqualTo(Verdict.NEAR);
		assertThat(money(1000).judge(NOTHING, 1000, 0)).isEqualTo(Verdict.NEAR);
		assertThat(tokens(1000).judge(NOTHING, 0, 1000)).isEqualTo(Verdict.NEAR);
	}

	@Test
	void spentAndHeldCountWithTheEstimate() {
		Standing standing = new Standing(600, 0, 300, 0);
		assertThat(money(1000).judge(standing, 100, 0)).isEqualTo(Verdict.NEAR);
		assertThat(money(1000).judge(standing, 101, 0)).isEqualTo(Verdict.OVER_BUDGET);
		Standing used = new Standing(0, 600, 0, 300);
		assertThat(tokens(1000).judge(used, 0, 101)).isEqualTo(Verdict.OVER_TOKEN_QUOTA);
	}

	@Test
	void moneyIsJudgedBeforeTokensAndEachRefusalNamesItsProblem() {
		Limit both = new Limit(UUID.randomUUID(), null, 1000L, 1000L, 80);
		assertThat(both.judge(NOTHING, 1001, 1001)).isEqualTo(Verdict.OVER_BUDGET);
		assertThat(both.judge(NOTHING, 10, 1001)).isEqualTo(Verdict.OVER_TOKEN_QUOTA);
		assertThat(Verdict.OVER_BUDGET.refusal()).isEqualTo("budget-exceeded");
		assertThat(Verdict.OVER_TOKEN_QUOTA.refusal()).isEqualTo("token-quota-exceeded");
		assertThat(Verdict.NEAR.refusal()).isNull();
	}

	@Test
	void aLimitOfNothingRefusesAnyCost() {
		assertThat(money(0).judge(NOTHING, 1, 0)).isEqualTo(Verdict.OVER_BUDGET);
		assertThat(money(0).judge(NOTHING, 0, 5)).isEqualTo(Verdict.NEAR);
	}

}
