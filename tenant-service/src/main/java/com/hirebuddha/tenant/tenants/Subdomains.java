package com.hirebuddha.tenant.tenants;

import java.util.Set;

/**
 * Subdomains no tenant may take: the platform's own hosts and names that invite phishing.
 */
final class Subdomains {

	static final Set<String> RESERVED = Set.of("www", "api", "app", "admin", "auth", "login", "console", "static",
			"assets", "cdn", "mail", "smtp", "status", "docs", "help", "support", "billing", "platform", "partners",
			"hirebuddha", "gateway", "internal", "localhost");

	private Subdomains() {
	}

}
