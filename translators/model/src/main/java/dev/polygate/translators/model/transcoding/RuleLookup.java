package dev.polygate.translators.model.transcoding;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/** The outcome of looking up an HTTP method and path in an {@link HttpRuleIndex}. */
public sealed interface RuleLookup {

    /** A binding matched. */
    record Found(RuleMatch match) implements RuleLookup {
    }

    /**
     * The path matches bindings of other HTTP methods only: answer 405 with {@code Allow: allowed}
     * (sorted, so the header is stable).
     */
    record MethodNotAllowed(Set<String> allowed) implements RuleLookup {
        public MethodNotAllowed {
            allowed = Collections.unmodifiableSortedSet(new TreeSet<>(allowed));
        }
    }

    /** No binding matches the path. */
    record NotFound() implements RuleLookup {
    }
}
