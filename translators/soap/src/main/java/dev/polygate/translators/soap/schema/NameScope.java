package dev.polygate.translators.soap.schema;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The names taken in one proto scope (a message, or the file's top level). protoc refuses two fields whose
 * JSON names differ only in case or underscores, so fields are compared that way, not only exactly.
 */
final class NameScope {
    private final Set<String> symbols = new HashSet<>();
    private final Set<String> fieldKeys = new HashSet<>();
    private final Set<String> jsonKeys = new HashSet<>();

    /** A message, enum, oneof or enum value name: the first free of preferred, preferred2, preferred3, ... */
    String claimSymbol(String preferred, String alternate) {
        return claim(preferred, alternate, "", c -> !symbols.contains(c), symbols::add);
    }

    String claimField(String preferred, String alternate) {
        return claim(preferred, alternate, "_", c -> !symbols.contains(c) && !fieldKeys.contains(fieldKey(c)), c -> {
            symbols.add(c);
            fieldKeys.add(fieldKey(c));
        });
    }

    String claimJson(String preferred, String alternate) {
        return claim(preferred, alternate, "_", c -> !jsonKeys.contains(c.toLowerCase(Locale.ROOT)),
                c -> jsonKeys.add(c.toLowerCase(Locale.ROOT)));
    }

    boolean taken(String name) {
        return symbols.contains(name);
    }

    void reserveSymbol(String name) {
        symbols.add(name);
    }

    private static String claim(String preferred, String alternate, String separator, Predicate<String> free,
            java.util.function.Consumer<String> take) {
        String chosen = null;
        if (free.test(preferred)) {
            chosen = preferred;
        } else if (alternate != null && free.test(alternate)) {
            chosen = alternate;
        } else {
            for (int i = 2; chosen == null; i++) {
                String candidate = preferred + separator + i;
                if (free.test(candidate)) {
                    chosen = candidate;
                }
            }
        }
        take.accept(chosen);
        return chosen;
    }

    private static String fieldKey(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }
}
