package com.hirebuddha.worker;

import com.hirebuddha.worker.engine.EngineProperties;
import com.hirebuddha.worker.providers.WorkerProperties;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The worker-service: runs executions against model providers; owns the model catalog and
 * provider credentials.
 */
@SpringBootApplication
@EnableConfigurationProperties({ WorkerProperties.class, EngineProperties.class })
public class WorkerServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(WorkerServiceApplication.class, args);
	}

}
