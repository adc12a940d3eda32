package com.hirebuddha.commons.jdbc;

import org.flywaydb.core.Flyway;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;

/**
 * Migrates a service's schema after adopting a history from before the event plumbing
 * moved to commons ({@link PlumbingHistory}).
 */
@AutoConfiguration
@ConditionalOnClass(Flyway.class)
public class PlumbingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	FlywayMigrationStrategy plumbingAwareMigration() {
		return (flyway) -> {
			PlumbingHistory.adopt(flyway);
			flyway.migrate();
		};
	}

}
