package dev.polygate.translators.model.rest;

import dev.polygate.spi.Exchange;
import java.util.function.Supplier;

/**
 * What a route's rules found for an exchange, kept in its context: the route looks the operation up once for its
 * policies, and the ingress that then serves the exchange takes the same answer instead of matching the path again.
 * The answer is reused only for the same rules, method and path, so a request a policy rewrote is looked up anew.
 *
 * @param rules   the rules that found it (an index, or the ingress that searched them)
 * @param method  the HTTP method it was looked up for, or the kind of search
 * @param rawPath the path without its query
 * @param found   the answer
 */
public record ResolvedOperation(Object rules, String method, String rawPath, Object found) {

    /**
     * The answer kept for the exchange when it was found by the same rules for the same method and path; otherwise
     * the one {@code lookup} gives, which is then kept. A lookup that throws keeps nothing.
     */
    public static <T> T resolve(Exchange exchange, Object rules, String method, String rawPath, Class<T> type,
                                Supplier<T> lookup) {
        ResolvedOperation kept = exchange.context().attribute(ResolvedOperation.class).orElse(null);
        if (kept != null && kept.rules == rules && kept.method.equals(method) && kept.rawPath.equals(rawPath)
                && type.isInstance(kept.found)) {
            return type.cast(kept.found);
        }
        T found = lookup.get();
        exchange.context().attribute(ResolvedOperation.class, new ResolvedOperation(rules, method, rawPath, found));
        return found;
    }
}
