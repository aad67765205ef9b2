package dev.polygate.translators.grpc.transcoding;

import java.util.Set;

/** The outcome of looking up an HTTP method and path in an {@link HttpRuleIndex}. */
public sealed interface RuleLookup {

    /** A binding matched. */
    record Found(RuleMatch match) implements RuleLookup {
    }

    /** The path matches bindings of other HTTP methods only: answer 405 with {@code Allow: allowed}. */
    record MethodNotAllowed(Set<String> allowed) implements RuleLookup {
        public MethodNotAllowed {
            allowed = Set.copyOf(allowed);
        }
    }

    /** No binding matches the path. */
    record NotFound() implements RuleLookup {
    }
}
