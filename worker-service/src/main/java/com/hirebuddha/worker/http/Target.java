package com.hirebuddha.worker.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An http(s) URL taken apart into what the client needs: where to connect and what to put
 * in the request line and {@code Host} header.
 *
 * @param uri the URL, with an empty path normalized to {@code /} and no fragment
 * @param tls whether the scheme is https
 * @param host the host name or IP literal, IPv6 without brackets
 * @param port the explicit or default port
 */
record Target(URI uri, boolean tls, String host, int port) {

	static Target parse(String url) throws HttpCallException {
		try {
			return of(new URI(url.strip()));
		}
		catch (URISyntaxException ex) {
			throw HttpCallException.invalidUrl("Not a valid URL: " + ex.getReason());
		}
	}

	/**
	 * Resolves a redirect's {@code Location} against this URL.
	 * @param location the header value, absolute or relative
	 * @return the target to follow
	 * @throws HttpCallException if the location is not a valid http(s) URL
	 */
	Target redirect(String location) throws HttpCallException {
		try {
			return of(this.uri.resolve(new URI(location.strip())));
		}
		catch (URISyntaxException ex) {
			throw HttpCallException.invalidUrl("Redirect to an invalid URL: " + ex.getReason());
		}
	}

	private static Target of(URI uri) throws HttpCallException, URISyntaxException {
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw HttpCallException.invalidUrl("Only http and https URLs are supported");
		}
		if (uri.getHost() == null) {
			throw HttpCallException.invalidUrl("The URL has no valid host");
		}
		if (uri.getRawUserInfo() != null) {
			// Credentials in URLs end up in logs and get replayed across redirects; use
			// an Authorization header instead.
			throw HttpCallException.invalidUrl("The URL must not contain credentials");
		}
		boolean tls = scheme.equals("https");
		int port = (uri.getPort() != -1) ? uri.getPort() : (tls ? 443 : 80);
		if (port < 1 || port > 65535) {
			throw HttpCallException.invalidUrl("The URL's port is out of range");
		}
		String host = uri.getHost();
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		// Rebuilt so that an empty path becomes "/" (URI.resolve mishandles an empty base
		// path) and the fragment, which is never sent, is dropped.
		String path = uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
		String query = (uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "";
		URI normalized = new URI(scheme + "://" + uri.getRawAuthority() + path + query);
		return new Target(normalized, tls, host, port);
	}

	/** The request-target of the request line: path and query. */
	String requestTarget() {
		String query = (this.uri.getRawQuery() != null) ? "?" + this.uri.getRawQuery() : "";
		return this.uri.getRawPath() + query;
	}

	/** The {@code Host} header: the URL's authority, brackets and port as written. */
	String hostHeader() {
		return this.uri.getRawAuthority();
	}

	boolean isIpLiteral() {
		return this.host.contains(":") || this.host.matches("[0-9.]+");
	}

	boolean sameOrigin(Target other) {
		return this.tls == other.tls && this.host.equalsIgnoreCase(other.host) && this.port == other.port;
	}

	/**
	 * For messages: scheme, host and port only, since paths and queries may hold secrets.
	 */
	@Override
	public String toString() {
		return (this.tls ? "https://" : "http://") + this.uri.getRawAuthority();
	}

}
