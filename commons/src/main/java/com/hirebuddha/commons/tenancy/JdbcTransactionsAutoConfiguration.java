package com.hirebuddha.commons.tenancy;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * For services that reach their tables through JDBC only
 * ({@code hb.transactions.jdbc-only:
 * true}): plain JDBC transactions instead of JPA's, which open a Hibernate session for
 * every transaction for nothing. JPA's auto-configuration steps back for this bean.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnProperty(name = "hb.transactions.jdbc-only", havingValue = "true")
public class JdbcTransactionsAutoConfiguration {

	@Bean
	JdbcTransactionManager transactionManager(DataSource dataSource) {
		return new JdbcTransactionManager(dataSource);
	}

}
