package com.hirebuddha.commons.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestConstructor;

/**
 * Boots the whole service on a random port against the real PostgreSQL test database
 * ({@code hirebuddha_test}, prepared by {@code deploy/local/postgres.sh}) and an embedded
 * KRaft Kafka broker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
				"spring.datasource.url=jdbc:postgresql://${HB_DB_HOST:127.0.0.1}:${HB_DB_PORT:5432}/"
						+ "${HB_TEST_DB_NAME:hirebuddha_test}",
				"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}", "hb.outbox.poll-interval=50ms",
				// a test JVM may hold several cached contexts, next to a running fleet:
				// each keeps one idle connection, not a full pool
				"spring.datasource.hikari.minimum-idle=1", "spring.datasource.hikari.idle-timeout=10000" })
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
public @interface ServiceTest {

}
