package dev.polygate.policies.auth;

import dev.polygate.spi.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the outcomes of an {@code auth} policy's methods make one decision. In both modes a refused credential is a
 * refusal (never a fall-through to another method or to the anonymous consumer), and no credential at all is the
 * anonymous consumer when there is one.
 */
enum Combination {
    /** The first method (in configured order) that accepts decides; two that accept different consumers refuse. */
    ANY_OF("anyOf"),
    /** Every method must accept, all of them the same consumer. */
    ALL_OF("allOf");

    private final String key;

    Combination(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    /** What the policy does with one request. */
    sealed interface Decision {
    }

    record Authenticated(Principal principal) implements Decision {
    }

    record Anonymous(Principal principal) implements Decision {
    }

    /**
     * @param reason         what the client is told
     * @param refusingMethod the index of the method whose credential was refused, or {@link #NO_METHOD} when the
     *                       refusal is about the credentials together (none, too few, two consumers)
     */
    record Refused(String reason, int refusingMethod) implements Decision {
        static final int NO_METHOD = -1;

        Refused(String reason) {
            this(reason, NO_METHOD);
        }
    }

    /**
     * @param outcomes  each method's outcome, in configured order
     * @param anonymous the anonymous consumer's name, or null when every request must authenticate
     */
    Decision decide(List<AuthOutcome> outcomes, String anonymous) {
        List<Principal> accepted = new ArrayList<>(outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            AuthOutcome outcome = outcomes.get(i);
            if (outcome instanceof AuthOutcome.Refused refused) {
                return new Refused(refused.reason(), i);
            }
            if (outcome instanceof AuthOutcome.Accepted ok) {
                accepted.add(ok.principal());
            }
        }
        if (accepted.isEmpty()) {
            return anonymous == null ? new Refused("credentials are required")
                    : new Anonymous(Principal.anonymous(anonymous));
        }
        Set<String> consumers = new LinkedHashSet<>();
        accepted.forEach(principal -> consumers.add(principal.consumer()));
        if (consumers.size() > 1) {
            return new Refused("the credentials name different consumers");
        }
        if (this == ALL_OF && accepted.size() < outcomes.size()) {
            return new Refused("every one of " + outcomes.size() + " credentials is required");
        }
        return new Authenticated(this == ANY_OF ? accepted.get(0) : merged(accepted));
    }

    /** One consumer proven several ways: its groups, scopes and claims together, the first method's name. */
    private static Principal merged(List<Principal> principals) {
        Principal first = principals.get(0);
        if (principals.size() == 1) {
            return first;
        }
        Set<String> groups = new LinkedHashSet<>();
        Set<String> scopes = new LinkedHashSet<>();
        Map<String, Object> claims = new LinkedHashMap<>();
        for (Principal principal : principals) {
            groups.addAll(principal.groups());
            scopes.addAll(principal.scopes());
            principal.claims().forEach(claims::putIfAbsent);
        }
        return new Principal(first.consumer(), groups, scopes, claims, first.method());
    }
}
