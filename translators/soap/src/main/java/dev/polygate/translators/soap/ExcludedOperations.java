package dev.polygate.translators.soap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.spi.ConfigException;
import dev.polygate.translators.soap.wsdl.WsdlOperation;
import dev.polygate.translators.soap.wsdl.WsdlPort;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code exclude} key of a soap route's backend section: operations of the port the route does not expose,
 * by their WSDL names, e.g. {@code exclude: [ Reset, Shutdown ]}. The form is checked with the rest of the section;
 * whether each name is an operation of the port is known once the WSDL is read ({@link #apply}).
 */
final class ExcludedOperations {
    private static final String KEY = "exclude";

    private ExcludedOperations() {
    }

    /** The names as written, in order; problems are added for anything that is not a list of names. */
    static List<String> parse(JsonNode node, List<ConfigException.Problem> problems) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problems.add(new ConfigException.Problem(KEY, "must be a list of operation names, e.g. [ Reset ]"));
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode name = node.get(i);
            if (!name.isTextual() || name.asText().isBlank()) {
                problems.add(new ConfigException.Problem(KEY + "[" + i + "]", "must be an operation name"));
            } else {
                names.add(name.asText().trim());
            }
        }
        return List.copyOf(names);
    }

    /**
     * The port's operations less the excluded ones.
     *
     * @throws ConfigException naming {@code exclude[i]} for a name that is no operation of the port (names are
     *                         case-sensitive, as in the WSDL), and {@code exclude} when nothing would be left
     */
    static List<WsdlOperation> apply(List<String> excluded, WsdlPort port) throws ConfigException {
        if (excluded.isEmpty()) {
            return port.operations();
        }
        List<String> known = port.operations().stream().map(WsdlOperation::name).toList();
        List<ConfigException.Problem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < excluded.size(); i++) {
            String name = excluded.get(i);
            if (!known.contains(name)) {
                problems.add(new ConfigException.Problem(KEY + "[" + i + "]", "port '" + port.name()
                        + "' has no operation '" + name + "'" + likely(name, known) + "; its operations: "
                        + String.join(", ", known)));
            } else if (!seen.add(name)) {
                problems.add(new ConfigException.Problem(KEY + "[" + i + "]", "'" + name + "' is excluded twice"));
            }
        }
        List<WsdlOperation> left = port.operations().stream().filter(op -> !excluded.contains(op.name())).toList();
        if (problems.isEmpty() && left.isEmpty()) {
            problems.add(new ConfigException.Problem(KEY, "excludes every operation of port '" + port.name() + "'"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return left;
    }

    /** A hint when the name differs from an operation's only in case. */
    private static String likely(String name, List<String> known) {
        return known.stream().filter(k -> k.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                .findFirst().map(k -> " (did you mean '" + k + "'?)").orElse("");
    }
}
