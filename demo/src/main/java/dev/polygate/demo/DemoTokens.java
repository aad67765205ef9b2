package dev.polygate.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The demo's token issuer: an RSA key made when the demo starts, its public half as a JWKS document (which the
 * gateway serves at {@code /.well-known/jwks.json}), and one token it signs for the demo consumer, printed at start
 * so that the secured route can be tried with a bearer token as well as with the API key.
 */
final class DemoTokens {
    static final String ISSUER = "https://polygate.demo/";
    static final String AUDIENCE = "polygate-demo";
    private static final Duration LIFETIME = Duration.ofHours(24);

    private final RSAKey key;
    private final String token;

    private DemoTokens(RSAKey key, String token) {
        this.key = key;
        this.token = token;
    }

    static DemoTokens create() throws JOSEException {
        RSAKey key = new RSAKeyGenerator(2048).keyID("demo-" + Long.toHexString(System.currentTimeMillis()))
                .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(List.of(AUDIENCE))
                .subject("demo")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .claim("scope", "hello:read")
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return new DemoTokens(key, jwt.serialize());
    }

    /** The public key set, as the issuer publishes it. */
    String jwksJson() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /** A token for the consumer {@code demo}, valid for a day. */
    String token() {
        return token;
    }
}
