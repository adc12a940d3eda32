package com.hirebuddha.notification;

import com.hirebuddha.commons.test.ServiceContractTests;
import com.hirebuddha.commons.test.ServiceTest;

/**
 * Boots the notification-service against the real PostgreSQL and an embedded KRaft broker
 * and checks the contract every service keeps.
 */
@ServiceTest
class NotificationServiceApplicationTests extends ServiceContractTests {

}
