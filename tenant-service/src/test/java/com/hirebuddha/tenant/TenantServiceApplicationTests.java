package com.hirebuddha.tenant;

import com.hirebuddha.commons.test.ServiceContractTests;
import com.hirebuddha.commons.test.ServiceTest;

/**
 * Boots the tenant-service against the real PostgreSQL and an embedded KRaft broker and
 * checks the contract every service keeps.
 */
@ServiceTest
class TenantServiceApplicationTests extends ServiceContractTests {

}
