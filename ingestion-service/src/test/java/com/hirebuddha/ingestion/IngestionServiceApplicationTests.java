package com.hirebuddha.ingestion;

import com.hirebuddha.commons.test.ServiceContractTests;
import com.hirebuddha.commons.test.ServiceTest;

/**
 * Boots the ingestion-service against the real PostgreSQL and an embedded KRaft broker
 * and checks the contract every service keeps.
 */
@ServiceTest
class IngestionServiceApplicationTests extends ServiceContractTests {

}
