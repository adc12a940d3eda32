package com.hirebuddha.commons.web;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;

/**
 * Builds the service's one {@code JsonMapper} (requests, responses, events) on
 * {@link StrictJson}: Boot's auto-configuration backs off its own builder, applies its
 * customizers ({@code spring.jackson.*}) to this one, and the input policy is applied
 * last, so no property loosens it.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
public class StrictJsonAutoConfiguration {

	@Bean
	@Scope("prototype")
	@ConditionalOnMissingBean
	JsonMapper.Builder jsonMapperBuilder(ObjectProvider<JsonMapperBuilderCustomizer> customizers) {
		JsonMapper.Builder builder = StrictJson.builder();
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return StrictJson.strict(builder);
	}

}
