package dev.polygate.policies.auth.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import dev.polygate.spi.ConfigNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The {@code algorithms} allow-list of a {@code jwt} section: signature algorithms by their JOSE names. */
final class JwtAlgorithms {
    static final List<JWSAlgorithm> SUPPORTED = List.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512, JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);

    private JwtAlgorithms() {
    }

    static Set<JWSAlgorithm> read(ConfigNode section) {
        ConfigNode node = section.get("algorithms");
        Set<JWSAlgorithm> allowed = new LinkedHashSet<>();
        if (!node.isPresent()) {
            node.problem("is required: the signature algorithms accepted, e.g. [ RS256 ]");
            return allowed;
        }
        List<ConfigNode> items = node.raw().isValueNode() ? List.of(node) : node.items();
        for (ConfigNode item : items) {
            if (!item.raw().isTextual()) {
                item.problem("must be an algorithm name");
                continue;
            }
            String name = item.raw().asText();
            JWSAlgorithm algorithm = SUPPORTED.stream().filter(a -> a.getName().equals(name)).findFirst().orElse(null);
            if (name.equalsIgnoreCase("none")) {
                item.problem("'none' is never accepted: tokens must be signed");
            } else if (algorithm == null) {
                item.problem("unsupported algorithm '" + name + "'; supported: "
                        + String.join(", ", SUPPORTED.stream().map(JWSAlgorithm::getName).toList()));
            } else {
                allowed.add(algorithm);
            }
        }
        if (items.isEmpty() && node.raw().isArray()) {
            node.problem("must name at least one algorithm");
        }
        return allowed;
    }

    static boolean isSymmetric(JWSAlgorithm algorithm) {
        return JWSAlgorithm.Family.HMAC_SHA.contains(algorithm);
    }

    /** The shortest secret, in bytes, that the strongest allowed HS algorithm may be used with (RFC 7518 3.2). */
    static int minimumSecretBytes(Set<JWSAlgorithm> algorithms) {
        int bytes = 0;
        for (JWSAlgorithm algorithm : algorithms) {
            if (isSymmetric(algorithm)) {
                bytes = Math.max(bytes, Integer.parseInt(algorithm.getName().substring(2)) / 8);
            }
        }
        return bytes;
    }
}
