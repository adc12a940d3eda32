package com.hirebuddha.orchestration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The orchestration-service: agents, workflows, conversations and executions; streams
 * runs to clients.
 */
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
public class OrchestrationServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(OrchestrationServiceApplication.class, args);
	}

}
