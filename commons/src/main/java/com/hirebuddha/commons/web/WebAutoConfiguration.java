package com.hirebuddha.commons.web;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Wires request ids, the input policy, paging and the shared problem-details handler into
 * every servlet service.
 */
@AutoConfiguration
@EnableConfigurationProperties(WebSettings.class)
public class WebAutoConfiguration {

	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		// just inside Spring's observation filter (HIGHEST_PRECEDENCE + 1), so its logs
		// carry the trace and span ids as well as the request id
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

	@Bean
	FilterRegistrationBean<ConcurrencyLimitFilter> concurrencyLimitFilter(WebSettings web,
			ObjectProvider<MeterRegistry> meters) {
		FilterRegistrationBean<ConcurrencyLimitFilter> registration = new FilterRegistrationBean<>(
				new ConcurrencyLimitFilter(web.maxConcurrentRequests(), web.queueTimeout(),
						meters.getIfAvailable(SimpleMeterRegistry::new)));
		// after the request id, before security: a refused request costs next to nothing
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
		return registration;
	}

	@Bean
	FilterRegistrationBean<InputPolicyFilter> inputPolicyFilter() {
		FilterRegistrationBean<InputPolicyFilter> registration = new FilterRegistrationBean<>(new InputPolicyFilter());
		// before security and every handler: a refused request changes nothing
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 4);
		return registration;
	}

	@Bean
	WebMvcConfigurer pageQueries() {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new PageQueryArgumentResolver());
			}
		};
	}

	@Bean
	ApiExceptionHandler apiExceptionHandler() {
		return new ApiExceptionHandler();
	}

}
