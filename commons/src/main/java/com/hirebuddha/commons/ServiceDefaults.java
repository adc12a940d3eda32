package com.hirebuddha.commons;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code hirebuddha-defaults.yml}, the settings every service shares, as the
 * property source of lowest precedence: a service's own {@code application.yml} and the
 * environment override any of it.
 */
public class ServiceDefaults implements EnvironmentPostProcessor {

	static final String RESOURCE = "hirebuddha-defaults.yml";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		ClassPathResource resource = new ClassPathResource(RESOURCE, ServiceDefaults.class.getClassLoader());
		try {
			for (PropertySource<?> source : new YamlPropertySourceLoader().load("hirebuddha-defaults", resource)) {
				environment.getPropertySources().addLast(source);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + RESOURCE, ex);
		}
	}

}
