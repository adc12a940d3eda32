package com.hirebuddha.auth.keys;

import java.time.Duration;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /.well-known/jwks.json}: the public signing keys, cacheable for five
 * minutes. A rotated key signs at once; validators meeting its unknown {@code kid} fetch
 * the set again (Spring's decoders do so on an unknown key id), so the cache never
 * refuses a token.
 */
@RestController
class JwksController {

	private final SigningKeys keys;

	JwksController(SigningKeys keys) {
		this.keys = keys;
	}

	@GetMapping(path = "/.well-known/jwks.json", produces = "application/jwk-set+json")
	ResponseEntity<Map<String, Object>> jwks() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
			.body(this.keys.publicKeys().toJSONObject(true));
	}

}
