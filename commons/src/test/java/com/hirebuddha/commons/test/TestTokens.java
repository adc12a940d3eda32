package com.hirebuddha.commons.test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * Mints access tokens for service tests, signed by a test key whose JWKS a loopback
 * server publishes; {@link TestTokensContextCustomizerFactory} points every test context
 * at it. Also mints the malformed tokens the contract tests must see refused.
 */
public final class TestTokens {

	/** The issuer test contexts expect. */
	public static final String ISSUER = "https://issuer.hirebuddha.test";

	/** The audience test contexts expect. */
	public static final String AUDIENCE = "hirebuddha-api";

	private static final ECKey KEY = generate();

	private static final ECKey OTHER_KEY = generate();

	private static @Nullable HttpServer server;

	private TestTokens() {
	}

	/**
	 * Where the test JWKS is served; starts the server on first use.
	 * @return the URI
	 */
	public static synchronized String jwkSetUri() {
		if (server == null) {
			server = startServer();
		}
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
	}

	/**
	 * A platform admin's token.
	 * @return the compact JWT
	 */
	public static String platformAdmin() {
		return user(null, "PLATFORM_ADMIN");
	}

	/**
	 * A tenant user's token.
	 * @param tenantId the tenant, or null
	 * @param role the role
	 * @return the compact JWT
	 */
	public static String user(@Nullable UUID tenantId, String role) {
		return sign((claims) -> {
			if (tenantId != null) {
				claims.claim("tid", tenantId.toString());
			}
			claims.claim("roles", List.of(role));
		});
	}

	/**
	 * A valid user token with extra changes to its claims, signed by the published key.
	 * @param changes what to change
	 * @return the compact JWT
	 */
	public static String sign(Consumer<JWTClaimsSet.Builder> changes) {
		return sign(KEY, JWSAlgorithm.ES256, new JOSEObjectType("at+jwt"), changes);
	}

	/**
	 * A token signed by a key nobody published.
	 * @return the compact JWT
	 */
	public static String signedByUnknownKey() {
		return sign(OTHER_KEY, JWSAlgorithm.ES256, new JOSEObjectType("at+jwt"), (claims) -> {
		});
	}

	/**
	 * A token signed by a key nobody published, naming that key by an id of its own, as a
	 * forger probing for key ids would.
	 * @param keyId the {@code kid} in the header
	 * @return the compact JWT
	 */
	public static String signedByUnknownKey(String keyId) {
		try {
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt")).keyID(keyId).build(),
					claims((claims) -> {
					}));
			jwt.sign(new ECDSASigner(OTHER_KEY));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A token with a header {@code typ} other than {@code at+jwt}, such as an ID token.
	 * @return the compact JWT
	 */
	public static String withHeaderType(String type) {
		return sign(KEY, JWSAlgorithm.ES256, new JOSEObjectType(type), (claims) -> {
		});
	}

	/**
	 * An unsigned token ({@code alg: none}) carrying platform-admin claims.
	 * @return the compact JWT
	 */
	public static String unsigned() {
		String header = base64("{\"alg\":\"none\",\"typ\":\"at+jwt\"}");
		return header + "." + base64(claims((claims) -> {
		}).toString()) + ".";
	}

	/**
	 * An HS256 token whose HMAC key is the published public key: the classic algorithm
	 * confusion attack.
	 * @return the compact JWT
	 */
	public static String hs256WithPublicKey() {
		try {
			byte[] secret = KEY.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt"))
				.keyID(KEY.getKeyID())
				.build(), claims((claims) -> {
				}));
			jwt.sign(new MACSigner(secret));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A valid token with one character of its payload changed.
	 * @return the compact JWT
	 */
	public static String tampered() {
		String[] parts = platformAdmin().split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
			.replace("PLATFORM_ADMIN", "PLATFORM_ADMIM");
		return parts[0] + "." + base64(payload) + "." + parts[2];
	}

	/**
	 * Every way a token must fail validation, by the reason: the one list the services'
	 * contract tests and the gateway's tests both refuse, so their checks cannot drift
	 * apart.
	 * @return forged or broken tokens, keyed by what is wrong with them
	 */
	public static Map<String, String> forged() {
		Instant past = Instant.now().minus(Duration.ofHours(1));
		Map<String, String> tokens = new LinkedHashMap<>();
		tokens.put("expired", sign((claims) -> claims.issueTime(Date.from(past))
			.expirationTime(Date.from(past.plus(Duration.ofMinutes(15))))));
		tokens.put("alg none", unsigned());
		tokens.put("HS256 keyed with the public key", hs256WithPublicKey());
		tokens.put("wrong audience", sign((claims) -> claims.audience("someone-else")));
		tokens.put("wrong issuer", sign((claims) -> claims.issuer("https://evil.example")));
		tokens.put("tampered payload", tampered());
		tokens.put("unknown signing key", signedByUnknownKey());
		tokens.put("an ID token, not an access token", withHeaderType("JWT"));
		tokens.put("not a token kind we issue", sign((claims) -> claims.claim("typ", "refresh")));
		tokens.put("not a JWT at all", "not-a-jwt");
		return tokens;
	}

	private static String sign(ECKey key, JWSAlgorithm algorithm, JOSEObjectType type,
			Consumer<JWTClaimsSet.Builder> changes) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(type).keyID(key.getKeyID()).build(),
					claims(changes));
			jwt.sign(new ECDSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> changes) {
		Instant now = Instant.now();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER)
			.audience(AUDIENCE)
			.subject(UUID.randomUUID().toString())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
			.jwtID(UUID.randomUUID().toString())
			.claim("typ", "user")
			.claim("roles", List.of("PLATFORM_ADMIN"));
		changes.accept(claims);
		return claims.build();
	}

	private static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	private static ECKey generate() {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpServer startServer() {
		try {
			HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			byte[] body = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
			http.createContext("/.well-known/jwks.json", (exchange) -> {
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			http.start();
			return http;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
