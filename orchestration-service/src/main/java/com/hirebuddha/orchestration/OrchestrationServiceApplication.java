package com.hirebuddha.orchestration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The orchestration-service: agents, workflows, conversations and executions; streams
 * runs to clients.
 */
@SpringBootApplication
public class OrchestrationServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(OrchestrationServiceApplication.class, args);
	}

}
