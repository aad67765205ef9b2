package dev.polygate.policies.auth.authorize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.spi.ConfigNode;
import dev.polygate.spi.Principal;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a caller must have: one of {@code groups} (any), every one of {@code scopes}, and each of {@code claims}
 * equal to its value or to one of its values. Claims compare as text, numbers by value ({@code 3} is {@code 3.0});
 * a claim holding a list matches when one of its elements does. An empty rule asks only for a caller.
 *
 * @param claims each claim's accepted values, in comparable form
 */
record AccessRule(Set<String> groups, Set<String> scopes, Map<String, List<String>> claims) {
    static final Set<String> KEYS = Set.of("groups", "scopes", "claims");
    static final AccessRule ANY_CALLER = new AccessRule(Set.of(), Set.of(), Map.of());

    AccessRule {
        groups = Collections.unmodifiableSet(new LinkedHashSet<>(groups)); // in the order written, for messages
        scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
        claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    }

    /** Reads the rule's keys from {@code section}, which may hold other keys of its own (the caller checks them). */
    static AccessRule read(ConfigNode section) {
        Set<String> groups = new LinkedHashSet<>(section.textList("groups"));
        Set<String> scopes = new LinkedHashSet<>(section.textList("scopes"));
        Map<String, List<String>> claims = new LinkedHashMap<>();
        section.get("claims").entries().forEach((name, value) -> {
            List<String> accepted = new ArrayList<>();
            JsonNode raw = value.raw();
            if (raw.isArray() && !raw.isEmpty()) {
                raw.forEach(item -> accepted.add(comparable(item)));
            } else if (raw.isValueNode() && !raw.isNull()) {
                accepted.add(comparable(raw));
            }
            if (accepted.isEmpty() || accepted.contains(null)) {
                value.problem("must be a string, a number, true or false, or a list of them (any of which matches)");
            } else {
                claims.put(name, accepted);
            }
        });
        return new AccessRule(groups, scopes, claims);
    }

    boolean isEmpty() {
        return groups.isEmpty() && scopes.isEmpty() && claims.isEmpty();
    }

    /** Why {@code caller} does not satisfy the rule, or empty when it does. */
    Optional<String> refusal(Principal caller) {
        if (!groups.isEmpty() && groups.stream().noneMatch(caller.groups()::contains)) {
            return Optional.of("requires membership of one of the groups " + String.join(", ", groups));
        }
        for (String scope : scopes) {
            if (!caller.scopes().contains(scope)) {
                return Optional.of("requires the scope " + scope);
            }
        }
        for (Map.Entry<String, List<String>> claim : claims.entrySet()) {
            if (!matches(caller.claims().get(claim.getKey()), claim.getValue())) {
                return Optional.of("requires the claim " + claim.getKey());
            }
        }
        return Optional.empty();
    }

    private static boolean matches(Object held, List<String> accepted) {
        if (held instanceof Collection<?> several) {
            return several.stream().anyMatch(element -> matches(element, accepted));
        }
        String value = comparable(held);
        return value != null && accepted.contains(value);
    }

    /** A configured value as text, numbers in one canonical form; null for what cannot be compared. */
    private static String comparable(JsonNode value) {
        if (value.isNumber()) {
            return number(value.decimalValue());
        }
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static String comparable(Object held) {
        if (held instanceof Number number) {
            try {
                return number(new BigDecimal(number.toString()));
            } catch (NumberFormatException notFinite) {
                return null;
            }
        }
        return held instanceof String || held instanceof Boolean ? held.toString() : null;
    }

    private static String number(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
