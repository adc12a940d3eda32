package com.hirebuddha.commons.test;

import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.ClassUtils;
import org.springframework.web.context.WebApplicationContext;

/**
 * Points every test context's token validation at {@link TestTokens}' JWKS and issuer, so
 * service tests exercise the real resource-server code with tokens they mint.
 */
public class TestTokensContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return new Customizer();
	}

	private static final class Customizer implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			// servlet services only (the gateway takes TestTokens alone): the input
			// policy's probe, in every context, so it adds none to the cache
			if (context instanceof GenericApplicationContext generic && context instanceof WebApplicationContext
					&& ClassUtils.isPresent("com.hirebuddha.commons.web.PageQuery", null)) {
				generic.registerBean(InputPolicyProbe.class);
			}
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("hirebuddha-test-tokens", Map.of("hb.security.jwk-set-uri",
						TestTokens.jwkSetUri(), "hb.security.issuer", TestTokens.ISSUER)));
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Customizer;
		}

		@Override
		public int hashCode() {
			return Customizer.class.hashCode();
		}

	}

}
