package com.hirebuddha.commons.security;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CachingJwtDecoderTests {

	private final Instant now = Instant.parse("2026-11-24T10:00:00Z");

	private final AtomicInteger verifications = new AtomicInteger();

	@Test
	void aVerifiedTokenIsCheckedOnceWithinAMinuteAndNeverPastItsExpiry() {
		MutableClock clock = new MutableClock(this.now);
		JwtDecoder decoder = new CachingJwtDecoder(verifier(this.now.plusSeconds(90)), clock);
		decoder.decode("good");
		decoder.decode("good");
		assertThat(this.verifications).hasValue(1);
		clock.now = this.now.plusSeconds(61);
		decoder.decode("good");
		assertThat(this.verifications).as("re-verified after a minute").hasValue(2);

		JwtDecoder shortLived = new CachingJwtDecoder(verifier(this.now.plusSeconds(10)),
				clock = new MutableClock(this.now));
		shortLived.decode("brief");
		clock.now = this.now.plusSeconds(11);
		shortLived.decode("brief");
		assertThat(this.verifications).as("an expired token is not answered from memory").hasValue(4);
	}

	@Test
	void aRefusedTokenIsNeverRemembered() {
		JwtDecoder decoder = new CachingJwtDecoder((token) -> {
			this.verifications.incrementAndGet();
			throw new BadJwtException("bad signature");
		}, Clock.fixed(this.now, ZoneOffset.UTC));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("forged"));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("forged"));
		assertThat(this.verifications).hasValue(2);
	}

	private JwtDecoder verifier(Instant expiresAt) {
		return (token) -> {
			this.verifications.incrementAndGet();
			return Jwt.withTokenValue(token).header("alg", "ES256").subject("u").expiresAt(expiresAt).build();
		};
	}

	private static final class MutableClock extends Clock {

		Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
