/**
 * Test support shipped to every service as the commons test-jar: the {@link ServiceTest}
 * annotation that boots a service against the real PostgreSQL test database and an
 * embedded KRaft broker, and the contract every service must keep.
 */
package com.hirebuddha.commons.test;
