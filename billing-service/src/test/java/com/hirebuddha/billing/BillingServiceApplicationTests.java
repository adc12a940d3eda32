package com.hirebuddha.billing;

import com.hirebuddha.commons.test.ServiceContractTests;
import com.hirebuddha.commons.test.ServiceTest;

/**
 * Boots the billing-service against the real PostgreSQL and an embedded KRaft broker and
 * checks the contract every service keeps.
 */
@ServiceTest
class BillingServiceApplicationTests extends ServiceContractTests {

}
