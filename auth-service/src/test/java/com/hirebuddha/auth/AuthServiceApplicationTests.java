package com.hirebuddha.auth;

import com.hirebuddha.commons.test.ServiceContractTests;
import com.hirebuddha.commons.test.ServiceTest;

/**
 * Boots the auth-service against the real PostgreSQL and an embedded KRaft broker and
 * checks the contract every service keeps.
 */
@ServiceTest
class AuthServiceApplicationTests extends ServiceContractTests {

}
