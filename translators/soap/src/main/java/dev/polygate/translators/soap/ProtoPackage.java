package dev.polygate.translators.soap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.spi.ConfigException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code package} key of a soap route's backend section: the protobuf package of the route's gRPC service and
 * messages, {@code soap.<service>} when not given. Two WSDLs may declare services of the same name; routes exposing
 * both need different packages, or gRPC clients could reach only one of them.
 */
final class ProtoPackage {
    private static final Pattern PACKAGE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    private ProtoPackage() {
    }

    /** The package as written; null when not given or (with a problem added) malformed. */
    static String parse(JsonNode node, List<ConfigException.Problem> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        String value = node.isTextual() ? node.asText().trim() : "";
        if (!PACKAGE.matcher(value).matches()) {
            problems.add(new ConfigException.Problem("package",
                    "must be a protobuf package: names separated by dots, e.g. soap.tally"));
            return null;
        }
        if (value.equals("google") || value.startsWith("google.") || value.startsWith("polygate.xml.")) {
            problems.add(new ConfigException.Problem("package", "'" + value + "' is taken by the files it imports"));
            return null;
        }
        return value;
    }

    /** The package of a service: the configured one, else {@code soap.} and the service name. */
    static String of(SoapRouteConfig config, String serviceName) {
        return config.protoPackage() != null ? config.protoPackage() : "soap." + Names.packageSegment(serviceName);
    }
}
