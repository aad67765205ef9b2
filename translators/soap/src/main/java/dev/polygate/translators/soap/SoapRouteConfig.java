package dev.polygate.translators.soap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigProblems;
import dev.polygate.spi.HumanDuration;
import dev.polygate.spi.HumanSize;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A route's {@code backend} section for the soap translator.
 *
 * @param connection  the part handed to the http translator that carries the calls
 * @param wsdl        the service description: an absolute file or http(s) URI
 * @param service     the wsdl:service to use; null for the one holding the first SOAP port
 * @param port        the wsdl:port to use; null for the first SOAP port
 * @param prefix      REST paths are {@code POST prefix/Operation} unless an operation says otherwise
 * @param operations  per operation: another HTTP method and path template
 * @param path        the request path on the upstream; null for the path of the port's address
 * @param wsSecurity  a UsernameToken on every request, with the config's or the caller's credentials; null for none
 * @param serverFaultStatus the HTTP status of a fault that is not the sender's ({@code faults.serverStatus})
 * @param soapHeaders per HTTP request header (as written; matched case-insensitively), the SOAP header its value
 *                    goes into: a declared header part's name or element local name, or {@code {namespace}local}
 * @param exclude     operations of the port not exposed, by WSDL name
 * @param protoPackage the package of the route's gRPC service and messages; null for {@code soap.<service>}
 */
record SoapRouteConfig(String upstream, JsonNode connection, URI wsdl, String service, String port, String prefix,
                       Map<String, OperationRoute> operations, String path, Duration timeout, int maxMessageBytes,
                       boolean ignoreUnknownFields, WsSecurityConfig wsSecurity, Duration wsdlTimeout,
                       int serverFaultStatus, Map<String, String> soapHeaders, List<String> exclude,
                       String protoPackage) {

    /** Another HTTP binding for one operation. */
    record OperationRoute(String method, String path) {
    }

    private static final Set<String> KEYS = Set.of("upstream", "hostHeader", "timeouts", "wsdl", "service", "port",
            "prefix", "operations", "path", "timeout", "maxMessageSize", "ignoreUnknownFields", "wsSecurity",
            "wsdlTimeout", "faults", "soapHeaders", "exclude", "package");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    static SoapRouteConfig parse(JsonNode node, Path configDirectory) throws ConfigException {
        ConfigProblems problems = new ConfigProblems();
        SoapRouteConfig config = read(node, configDirectory, problems);
        problems.throwIfAny();
        return config;
    }

    /**
     * The section as far as it is valid, a default standing in for each invalid value, its problems added to
     * {@code found}; null when it is not a map at all.
     */
    static SoapRouteConfig read(JsonNode node, Path configDirectory, ConfigProblems found) {
        if (node == null || !node.isObject()) {
            found.add("", "the soap translator needs a map with at least 'upstream' and 'wsdl'");
            return null;
        }
        List<ConfigException.Problem> problems = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                problems.add(new ConfigException.Problem(name, "unknown key; expected one of "
                        + String.join(", ", KEYS.stream().sorted().toList())));
            }
        }
        String upstream = text(node, "upstream", true, problems);
        ObjectNode connection = ((ObjectNode) node).objectNode();
        for (String key : List.of("upstream", "hostHeader", "timeouts")) {
            if (node.has(key)) {
                connection.set(key, node.get(key));
            }
        }
        URI wsdl = null;
        String location = text(node, "wsdl", true, problems);
        if (location != null) {
            wsdl = location.startsWith("http://") || location.startsWith("https://")
                    ? URI.create(location) : configDirectory.resolve(location).toAbsolutePath().normalize().toUri();
        }
        String prefix = text(node, "prefix", false, problems);
        if (prefix != null && !prefix.startsWith("/")) {
            problems.add(new ConfigException.Problem("prefix", "must start with /"));
            prefix = null;
        }
        String path = text(node, "path", false, problems);
        Map<String, OperationRoute> operations = operations(node.get("operations"), problems);
        Duration timeout = duration(node.get("timeout"), "timeout", Duration.ofSeconds(30), problems);
        Duration wsdlTimeout = duration(node.get("wsdlTimeout"), "wsdlTimeout", Duration.ofSeconds(10), problems);
        int maxMessage = 4 << 20;
        if (node.hasNonNull("maxMessageSize")) {
            try {
                maxMessage = (int) Math.min(Integer.MAX_VALUE, HumanSize.parse(node.get("maxMessageSize").asText()));
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigException.Problem("maxMessageSize", e.getMessage()));
            }
        }
        WsSecurityConfig token = WsSecurityConfig.parse(node.get("wsSecurity"), problems);
        int serverFaultStatus = serverFaultStatus(node.get("faults"), problems);
        Map<String, String> soapHeaders = SoapHeadersSection.parse(node.get("soapHeaders"), problems);
        List<String> exclude = ExcludedOperations.parse(node.get("exclude"), problems);
        String protoPackage = ProtoPackage.parse(node.get("package"), problems);
        String service = text(node, "service", false, problems);
        String port = text(node, "port", false, problems);
        problems.forEach(p -> found.add(p.path(), p.message()));
        return new SoapRouteConfig(upstream, connection, wsdl, service, port, prefix, operations, path, timeout,
                maxMessage, node.path("ignoreUnknownFields").asBoolean(false), token, wsdlTimeout, serverFaultStatus,
                soapHeaders, exclude, protoPackage);
    }

    /** {@code faults: { serverStatus: 502 }}: 502 by default, since a Server fault is the backend's failure. */
    private static int serverFaultStatus(JsonNode faults, List<ConfigException.Problem> problems) {
        if (faults == null || faults.isNull()) {
            return 502;
        }
        if (!faults.isObject()) {
            problems.add(new ConfigException.Problem("faults", "must be a map, e.g. { serverStatus: 502 }"));
            return 502;
        }
        faults.fieldNames().forEachRemaining(name -> {
            if (!name.equals("serverStatus")) {
                problems.add(new ConfigException.Problem("faults." + name, "unknown key; expected serverStatus"));
            }
        });
        JsonNode status = faults.get("serverStatus");
        if (status == null || status.isNull()) {
            return 502;
        }
        if (!status.canConvertToInt() || status.asInt() < 400 || status.asInt() > 599) {
            problems.add(new ConfigException.Problem("faults.serverStatus", "must be an HTTP error status, 400 to 599"));
            return 502;
        }
        return status.asInt();
    }

    private static Map<String, OperationRoute> operations(JsonNode node, List<ConfigException.Problem> problems) {
        Map<String, OperationRoute> operations = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return operations;
        }
        if (!node.isObject()) {
            problems.add(new ConfigException.Problem("operations", "must map operation names to {method, path}"));
            return operations;
        }
        node.fields().forEachRemaining(entry -> {
            String at = "operations." + entry.getKey();
            String method = entry.getValue().path("method").asText("POST").toUpperCase(Locale.ROOT);
            String path = entry.getValue().path("path").asText(null);
            if (!METHODS.contains(method)) {
                problems.add(new ConfigException.Problem(at + ".method", "must be one of GET, POST, PUT, PATCH, DELETE"));
            } else if (path == null || !path.startsWith("/")) {
                problems.add(new ConfigException.Problem(at + ".path", "is required and must start with /"));
            } else {
                operations.put(entry.getKey(), new OperationRoute(method, path));
            }
        });
        return operations;
    }

    private static String text(JsonNode node, String key, boolean required, List<ConfigException.Problem> problems) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(new ConfigException.Problem(key, "is required"));
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.add(new ConfigException.Problem(key, "must be a non-empty string"));
            return null;
        }
        return value.asText().trim();
    }

    private static Duration duration(JsonNode value, String path, Duration fallback,
                                     List<ConfigException.Problem> problems) {
        if (value == null || value.isNull()) {
            return fallback;
        }
        try {
            return HumanDuration.parse(value.asText());
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigException.Problem(path, e.getMessage()));
            return fallback;
        }
    }
}
