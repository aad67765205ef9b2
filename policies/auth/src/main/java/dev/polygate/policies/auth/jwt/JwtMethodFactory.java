package dev.polygate.policies.auth.jwt;

import com.github.benmanes.caffeine.cache.Ticker;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import dev.polygate.policies.auth.AuthMethod;
import dev.polygate.policies.auth.AuthMethodFactory;
import dev.polygate.policies.auth.AuthSetup;
import dev.polygate.policies.auth.Realms;
import dev.polygate.spi.ConfigNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * {@code jwt}: bearer tokens signed by an issuer whose public keys come from a JWKS URL, a file or the section
 * itself, or HS tokens signed with a shared secret. See the README's configuration reference.
 */
public final class JwtMethodFactory implements AuthMethodFactory {
    private static final Set<String> KEYS = Set.of("jwksUrl", "jwksFile", "keys", "issuer", "allowAnyIssuer",
            "audiences", "allowAnyAudience", "algorithms", "secret", "leeway", "maxTokenSize", "from",
            "consumerClaim", "groupsClaim", "refresh", "realm", "cacheTtl");

    private final UnaryOperator<String> environment;
    private final Clock clock;
    private final Ticker ticker;

    public JwtMethodFactory() {
        this(System::getenv);
    }

    JwtMethodFactory(UnaryOperator<String> environment) {
        this(environment, Clock.systemUTC(), Ticker.systemTicker());
    }

    /** With the clock that token times are checked against, and the ticker that ages remembered tokens. */
    JwtMethodFactory(UnaryOperator<String> environment, Clock clock, Ticker ticker) {
        this.environment = environment;
        this.clock = clock;
        this.ticker = ticker;
    }

    @Override
    public String name() {
        return "jwt";
    }

    @Override
    public AuthMethod create(ConfigNode section, AuthSetup setup) {
        section.expectObject(KEYS);
        Set<JWSAlgorithm> algorithms = JwtAlgorithms.read(section);
        JwtSettings settings = new JwtSettings(issuer(section), audiences(section), algorithms,
                section.duration("leeway", Duration.ofSeconds(30)), maxTokenSize(section),
                TokenSource.read(section.get("from")), section.text("consumerClaim", "sub"),
                section.text("groupsClaim", null), Realms.read(section));
        JWSVerifier secret = secret(section, algorithms, setup);
        KeySource keys = JwtKeySources.read(section, algorithms, setup.context());
        VerifiedTokens recent = new VerifiedTokens(cacheTtl(section), clock, ticker);
        return new JwtMethod(settings, keys, secret, setup.consumers(), clock, recent);
    }

    private static Duration cacheTtl(ConfigNode section) {
        Duration ttl = section.duration("cacheTtl", Duration.ofSeconds(60));
        if (ttl.compareTo(Duration.ofHours(1)) > 0) {
            section.get("cacheTtl").problem("must be at most 1h (0 turns the cache off)");
            return Duration.ZERO;
        }
        return ttl;
    }

    private static String issuer(ConfigNode section) {
        String issuer = section.text("issuer", null);
        boolean any = section.bool("allowAnyIssuer", false);
        if (issuer == null && !any) {
            section.get("issuer").problem("is required (or set allowAnyIssuer: true to accept every issuer)");
        } else if (issuer != null && any) {
            section.get("allowAnyIssuer").problem("contradicts issuer; keep one of them");
        }
        return any ? null : issuer;
    }

    private static Set<String> audiences(ConfigNode section) {
        Set<String> audiences = new LinkedHashSet<>(section.textList("audiences"));
        boolean any = section.bool("allowAnyAudience", false);
        if (audiences.isEmpty() && !any) {
            section.get("audiences").problem("is required (or set allowAnyAudience: true to accept every audience)");
        } else if (!audiences.isEmpty() && any) {
            section.get("allowAnyAudience").problem("contradicts audiences; keep one of them");
        }
        return any ? Set.of() : audiences;
    }

    private static long maxTokenSize(ConfigNode section) {
        long size = section.size("maxTokenSize", 8192);
        if (size < 64) {
            section.get("maxTokenSize").problem("must be at least 64 bytes");
        }
        return size;
    }

    /** The verifier of HS tokens: present exactly when an HS algorithm is allowed. */
    private JWSVerifier secret(ConfigNode section, Set<JWSAlgorithm> algorithms, AuthSetup setup) {
        int minimumBytes = JwtAlgorithms.minimumSecretBytes(algorithms);
        ConfigNode node = section.get("secret");
        if (minimumBytes == 0) {
            if (node.isPresent()) {
                node.problem("is used by HS256, HS384 and HS512 only, and algorithms names none of them");
            }
            return null;
        }
        if (!node.isPresent()) {
            node.problem("is required by the HS algorithms: { env: NAME } or { file: path }");
            return null;
        }
        String value = SecretValue.read(node, setup.context().configDirectory(), environment);
        if (value == null) {
            return null;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < minimumBytes) {
            node.problem("must be at least " + minimumBytes + " bytes long for the HS algorithms allowed, was "
                    + bytes.length);
            return null;
        }
        try {
            return new MACVerifier(bytes);
        } catch (JOSEException e) {
            node.problem("cannot be used as an HMAC key: " + e.getMessage());
            return null;
        }
    }
}
