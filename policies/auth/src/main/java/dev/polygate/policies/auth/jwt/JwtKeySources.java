package dev.polygate.policies.auth.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.polygate.spi.ConfigNode;
import dev.polygate.spi.TranslatorContext;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.text.ParseException;
import java.time.Duration;
import java.util.Set;

/** Reads where a {@code jwt} section's public keys come from: {@code jwksUrl}, {@code jwksFile} or {@code keys}. */
final class JwtKeySources {
    private static final Set<String> REFRESH_KEYS = Set.of("minInterval", "cacheFor", "timeout");

    private JwtKeySources() {
    }

    static KeySource read(ConfigNode section, Set<JWSAlgorithm> algorithms, TranslatorContext context) {
        ConfigNode url = section.get("jwksUrl");
        ConfigNode file = section.get("jwksFile");
        ConfigNode inline = section.get("keys");
        int named = (url.isPresent() ? 1 : 0) + (file.isPresent() ? 1 : 0) + (inline.isPresent() ? 1 : 0);
        boolean asymmetric = algorithms.stream().anyMatch(a -> !JwtAlgorithms.isSymmetric(a));
        RefreshSettings refresh = refresh(section.get("refresh"));
        if (named > 1) {
            section.problem("name one source of keys: jwksUrl, jwksFile or keys");
            return KeySource.fixed(VerificationKeys.NONE);
        }
        if (named == 0) {
            if (asymmetric) {
                section.get("jwksUrl").problem("the RS, PS and ES algorithms need public keys: "
                        + "name jwksUrl, jwksFile or keys");
            }
            return KeySource.fixed(VerificationKeys.NONE);
        }
        if (!asymmetric && !algorithms.isEmpty()) {
            (url.isPresent() ? url : file.isPresent() ? file : inline).problem("public keys are used by the RS, PS "
                    + "and ES algorithms only, and algorithms names none of them");
        }
        if (section.get("refresh").isPresent() && !url.isPresent()) {
            section.get("refresh").problem("applies to jwksUrl only");
        }
        if (url.isPresent()) {
            URI uri = OffLoopHttp.url(section, "jwksUrl");
            if (uri == null) {
                return KeySource.fixed(VerificationKeys.NONE);
            }
            return context.keep("jwks:" + uri, RemoteJwks.class, () -> new RemoteJwks(uri)).source(refresh);
        }
        String json = file.isPresent() ? fileText(section, context) : inlineSet(inline);
        return json == null ? KeySource.fixed(VerificationKeys.NONE)
                : KeySource.fixed(publicKeys(file.isPresent() ? file : inline, json));
    }

    private static String fileText(ConfigNode section, TranslatorContext context) {
        String name = section.text("jwksFile", null);
        if (name == null) {
            return null;
        }
        try {
            return Files.readString(context.configDirectory().resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            section.get("jwksFile").problem("cannot read " + name + ": " + e.getMessage());
            return null;
        }
    }

    /** {@code keys: [ {kty: RSA, ...} ]} or {@code keys: { keys: [...] }}, as a JWK set document. */
    private static String inlineSet(ConfigNode inline) {
        return inline.raw().isArray() ? "{\"keys\":" + inline.raw() + "}" : inline.raw().toString();
    }

    private static VerificationKeys publicKeys(ConfigNode node, String json) {
        try {
            JWKSet set = JWKSet.parse(json);
            for (JWK key : set.getKeys()) {
                if (key.isPrivate()) {
                    node.problem("holds a private key (" + (key.getKeyID() == null ? key.getKeyType() : key.getKeyID())
                            + "); give the gateway public keys only");
                }
            }
            VerificationKeys keys = VerificationKeys.of(set);
            if (keys.size() == 0) {
                node.problem("holds no RSA or EC signature key");
            }
            return keys;
        } catch (ParseException e) {
            node.problem("is not a JWK set: " + e.getMessage());
            return VerificationKeys.NONE;
        }
    }

    private static RefreshSettings refresh(ConfigNode node) {
        if (!node.expectObject(REFRESH_KEYS)) {
            return RefreshSettings.DEFAULT;
        }
        RefreshSettings defaults = RefreshSettings.DEFAULT;
        Duration timeout = node.duration("timeout", defaults.timeout());
        if (timeout.isZero()) {
            node.get("timeout").problem("must be longer than 0");
        }
        return new RefreshSettings(node.duration("minInterval", defaults.minInterval()),
                node.duration("cacheFor", defaults.cacheFor()), timeout.isZero() ? defaults.timeout() : timeout);
    }
}
