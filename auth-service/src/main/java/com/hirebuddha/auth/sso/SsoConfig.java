package com.hirebuddha.auth.sso;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.hirebuddha.auth.AuthProperties;
import com.hirebuddha.auth.Secrets;
import com.hirebuddha.auth.sessions.Principal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The single-sign-on filter chain for {@code /oauth2/**} and {@code /login/oauth2/**},
 * active when at least one provider is configured under
 * {@code spring.security.oauth2.client.registration}. It keeps a short HTTP session only
 * for the round trip to the provider (state, nonce, PKCE verifier), then ends it and
 * sends the browser back to the console with a one-time code.
 */
@Configuration(proxyBeanMethods = false)
class SsoConfig {

	static final String BINDING_COOKIE = "hb_sso_binding";

	private static final Logger log = LoggerFactory.getLogger(SsoConfig.class);

	@Bean
	@Order(1)
	SecurityFilterChain ssoFilterChain(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> configured,
			SsoAccounts accounts, AuthProperties properties) throws Exception {
		http.securityMatcher("/oauth2/**", "/login/oauth2/**");
		ClientRegistrationRepository registrations = configured.getIfAvailable();
		if (registrations == null) {
			// no provider configured: these paths answer 404 like any unknown path
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
		}
		DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(
				registrations, "/oauth2/authorization");
		resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
		return http.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.oauth2Login((login) -> login
				.authorizationEndpoint((endpoint) -> endpoint.authorizationRequestResolver(resolver))
				.successHandler((request, response, authentication) -> succeeded(request, response, authentication,
						accounts, properties))
				.failureHandler((request, response, exception) -> {
					log.info("single sign-on failed: {}", exception.getMessage());
					finish(request, response, properties, "sso_error=sign-in-failed");
				}))
			.build();
	}

	private static void succeeded(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication, SsoAccounts accounts, AuthProperties properties) throws IOException {
		try {
			if (!(authentication.getPrincipal() instanceof OidcUser user)) {
				throw new IllegalStateException("the OpenID Connect login produced no OIDC user");
			}
			SsoAccounts.Identity identity = new SsoAccounts.Identity(
					Objects.requireNonNull(user.getIssuer()).toString(), user.getSubject(), user.getEmail(),
					Boolean.TRUE.equals(user.getEmailVerified()), Objects.requireNonNullElse(user.getFullName(),
							Objects.requireNonNullElse(user.getEmail(), "User")));
			Principal principal = accounts.signIn(identity);
			String binding = Secrets.generate("hbb_");
			String code = accounts.issueCode(principal.userId(), binding);
			response.addHeader("Set-Cookie", bindingCookie(binding, properties, 120));
			finish(request, response, properties, "sso=" + URLEncoder.encode(code, StandardCharsets.UTF_8));
		}
		catch (SsoAccounts.Refused ex) {
			log.info("single sign-on refused: {}", ex.slug());
			finish(request, response, properties, "sso_error=" + ex.slug());
		}
		catch (RuntimeException ex) {
			log.warn("single sign-on could not place the user: {}", ex.getMessage());
			finish(request, response, properties, "sso_error=account-unavailable");
		}
	}

	/**
	 * The cookie that binds a one-time code to this browser: only the console's own
	 * request to the exchange endpoint carries it, so a code sent to someone else is
	 * useless.
	 * @param value the binding, or empty to clear it
	 * @param properties where the console is (https adds {@code Secure})
	 * @param maxAgeSeconds lifetime, 0 to delete
	 * @return the {@code Set-Cookie} value
	 */
	static String bindingCookie(String value, AuthProperties properties, int maxAgeSeconds) {
		return BINDING_COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
				+ (properties.publicUrl().startsWith("https:") ? "; Secure" : "");
	}

	private static void finish(HttpServletRequest request, HttpServletResponse response, AuthProperties properties,
			String query) throws IOException {
		if (request.getSession(false) != null) {
			request.getSession(false).invalidate();
		}
		response.sendRedirect(properties.publicUrl() + "/?" + query);
	}

}
