package com.hirebuddha.worker;

import com.hirebuddha.commons.test.ServiceContractTests;
import com.hirebuddha.commons.test.ServiceTest;

/**
 * Boots the worker-service against the real PostgreSQL and an embedded KRaft broker and
 * checks the contract every service keeps.
 */
@ServiceTest
class WorkerServiceApplicationTests extends ServiceContractTests {

}
