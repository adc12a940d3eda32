package com.hirebuddha.auth.sessions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import com.hirebuddha.auth.keys.SigningKeys;
import com.hirebuddha.commons.security.TokenClaims;
import com.hirebuddha.commons.security.TokenProperties;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Signs access tokens: ES256, {@code typ: at+jwt}, our issuer and audience, and the
 * claims of docs/security.md.
 */
@Component
public class AccessTokens {

	private final SigningKeys keys;

	private final TokenProperties tokens;

	private final Clock clock;

	AccessTokens(SigningKeys keys, TokenProperties tokens, Clock clock) {
		this.keys = keys;
		this.tokens = tokens;
		this.clock = clock;
	}

	/**
	 * A user's access token.
	 * @param principal the user
	 * @param sessionId the session (refresh-token family)
	 * @param ttl its lifetime
	 * @return the compact JWT
	 */
	public String forUser(Principal principal, UUID sessionId, Duration ttl) {
		return sign(principal.userId().toString(), TokenClaims.KIND_USER, List.of(principal.role()),
				principal.tenantId(), principal.partnerId(), ttl,
				(claims) -> claims.claim(TokenClaims.SESSION, sessionId.toString()));
	}

	/**
	 * A token of any kind.
	 * @param subject the {@code sub}
	 * @param kind one of {@link TokenClaims#KINDS}
	 * @param roles the roles
	 * @param tenantId the tenant, if any
	 * @param partnerId the partner, if any
	 * @param ttl its lifetime
	 * @param extra further claims
	 * @return the compact JWT
	 */
	public String sign(String subject, String kind, List<String> roles, @Nullable UUID tenantId,
			@Nullable UUID partnerId, Duration ttl, Consumer<JWTClaimsSet.Builder> extra) {
		Instant now = this.clock.instant();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.tokens.issuer())
			.audience(this.tokens.audience())
			.subject(subject)
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(ttl)))
			.jwtID(UUID.randomUUID().toString())
			.claim(TokenClaims.KIND, kind)
			.claim(TokenClaims.ROLES, roles);
		if (tenantId != null) {
			claims.claim(TokenClaims.TENANT, tenantId.toString());
		}
		if (partnerId != null) {
			claims.claim(TokenClaims.PARTNER, partnerId.toString());
		}
		extra.accept(claims);
		ECKey key = this.keys.current();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType(TokenClaims.HEADER_TYPE))
					.keyID(key.getKeyID())
					.build(),
				claims.build());
		try {
			jwt.sign(new ECDSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("cannot sign an access token", ex);
		}
		return jwt.serialize();
	}

}
