package com.hirebuddha.commons.tenancy;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Wraps the service's data source so every connection carries the caller's scope.
 */
@AutoConfiguration
public class TenancyAutoConfiguration {

	@Bean
	static BeanPostProcessor scopedDataSources() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof DataSource dataSource && !(bean instanceof ScopedDataSource))
						? new ScopedDataSource(dataSource) : bean;
			}
		};
	}

}
