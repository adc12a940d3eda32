package com.hirebuddha.orchestration;

import com.hirebuddha.commons.test.ServiceContractTests;
import com.hirebuddha.commons.test.ServiceTest;

/**
 * Boots the orchestration-service against the real PostgreSQL and an embedded KRaft
 * broker and checks the contract every service keeps.
 */
@ServiceTest
class OrchestrationServiceApplicationTests extends ServiceContractTests {

}
