package dev.polygate.translators.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigProblems;
import dev.polygate.spi.HumanDuration;
import dev.polygate.spi.HumanSize;
import dev.polygate.spi.TranslatorContext;
import dev.polygate.translators.grpc.schema.SchemaConfig;
import dev.polygate.translators.model.rest.RestSettings;
import dev.polygate.translators.model.transcoding.TranscodingOptions;
import dev.polygate.translators.model.web.GrpcWebConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A route's {@code backend} section for the grpc translator.
 *
 * @param connection  the part handed to the http translator that carries the calls ({@code upstream},
 *                    {@code hostHeader}, {@code timeouts})
 * @param services    services that must exist in the schema; when given, only they are exposed to REST
 * @param schema      where descriptors come from; none configured means no REST transcoding
 */
record GrpcRouteConfig(String upstream, JsonNode connection, List<String> services, SchemaConfig schema,
                       boolean hasSchema, TranscodingOptions transcoding, RestSettings rest, GrpcWebConfig grpcWeb,
                       int maxMessageBytes) {

    static final int DEFAULT_MAX_MESSAGE = 4 << 20;
    private static final Set<String> KEYS = Set.of("upstream", "hostHeader", "timeouts", "services", "schema", "rest",
            "grpcWeb", "timeout", "maxMessageSize");
    private static final Set<String> REST_KEYS = Set.of("preserveProtoFieldNames", "emitDefaults",
            "ignoreUnknownFields", "forwardHeaders", "maxRequestSize");
    private static final Duration DEFAULT_IDLE = Duration.ofMinutes(5);

    static GrpcRouteConfig parse(JsonNode node, TranslatorContext context) throws ConfigException {
        ConfigProblems problems = new ConfigProblems();
        GrpcRouteConfig config = read(node, context, problems);
        problems.throwIfAny();
        return config;
    }

    /**
     * The section as far as it is valid, a default standing in for each invalid value, its problems added to
     * {@code found}; null when it is not a map at all.
     */
    static GrpcRouteConfig read(JsonNode node, TranslatorContext context, ConfigProblems found) {
        if (node == null || !node.isObject()) {
            found.add("", "the grpc translator needs a map with at least 'upstream'");
            return null;
        }
        List<ConfigException.Problem> problems = new ArrayList<>();
        unknownKeys(node, KEYS, "", problems);
        JsonNode upstreamNode = node.get("upstream");
        String upstream = upstreamNode != null && upstreamNode.isTextual() ? upstreamNode.asText() : null;

        ObjectNode connection = ((ObjectNode) node).objectNode();
        for (String key : List.of("upstream", "hostHeader", "timeouts")) {
            if (node.has(key)) {
                connection.set(key, node.get(key));
            }
        }
        if (!node.has("timeouts")) {
            // Streams may stay quiet for long; the call's deadline, not an idle timer, bounds a gRPC call.
            connection.putObject("timeouts").put("idle", DEFAULT_IDLE.toSeconds() + "s");
        }

        List<String> services = new ArrayList<>();
        JsonNode servicesNode = node.get("services");
        if (servicesNode != null && !servicesNode.isNull()) {
            if (!servicesNode.isArray()) {
                problems.add(new ConfigException.Problem("services", "must be a list of full service names"));
            } else {
                for (int i = 0; i < servicesNode.size(); i++) {
                    JsonNode s = servicesNode.get(i);
                    if (!s.isTextual() || s.asText().isBlank()) {
                        problems.add(new ConfigException.Problem("services[" + i + "]",
                                "must be a full service name such as demo.greeter.v1.Greeter"));
                    } else {
                        services.add(s.asText().trim());
                    }
                }
            }
        }

        SchemaConfig schema = null;
        JsonNode schemaNode = node.get("schema");
        try {
            schema = SchemaConfig.parse(schemaNode, context.configDirectory());
        } catch (ConfigException e) {
            problems.addAll(e.under("schema").problems());
        }
        boolean hasSchema = schemaNode != null && !schemaNode.isNull();

        Duration timeout = Duration.ZERO;
        JsonNode timeoutNode = node.get("timeout");
        if (timeoutNode != null && !timeoutNode.isNull()) {
            try {
                timeout = HumanDuration.parse(timeoutNode.asText());
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigException.Problem("timeout", e.getMessage()));
            }
        }
        int maxMessage = (int) size(node.get("maxMessageSize"), "maxMessageSize", DEFAULT_MAX_MESSAGE,
                Integer.MAX_VALUE, problems);

        JsonNode restNode = node.get("rest");
        TranscodingOptions transcoding = TranscodingOptions.defaults();
        Set<String> forwarded = new LinkedHashSet<>(List.of("authorization"));
        long maxRequest = DEFAULT_MAX_MESSAGE;
        if (restNode != null && !restNode.isNull()) {
            if (!restNode.isObject()) {
                problems.add(new ConfigException.Problem("rest", "must be a map"));
            } else {
                unknownKeys(restNode, REST_KEYS, "rest", problems);
                transcoding = new TranscodingOptions(
                        flag(restNode, "preserveProtoFieldNames", problems),
                        flag(restNode, "emitDefaults", problems),
                        flag(restNode, "ignoreUnknownFields", problems));
                JsonNode headers = restNode.get("forwardHeaders");
                if (headers != null && !headers.isNull()) {
                    if (!headers.isArray()) {
                        problems.add(new ConfigException.Problem("rest.forwardHeaders", "must be a list of header names"));
                    } else {
                        forwarded.clear();
                        headers.forEach(h -> forwarded.add(h.asText().toLowerCase(Locale.ROOT)));
                    }
                }
                maxRequest = size(restNode.get("maxRequestSize"), "rest.maxRequestSize", maxRequest,
                        Long.MAX_VALUE, problems);
            }
        }

        GrpcWebConfig grpcWeb = GrpcWebConfig.defaults();
        try {
            grpcWeb = GrpcWebConfig.parse(node.get("grpcWeb"));
        } catch (ConfigException e) {
            problems.addAll(e.under("grpcWeb").problems());
        }
        problems.forEach(p -> found.add(p.path(), p.message()));
        JsonNode webNode = node.get("grpcWeb");
        if (webNode == null || !webNode.has("maxMessageBytes")) {
            grpcWeb = new GrpcWebConfig(grpcWeb.allowedOrigins(), grpcWeb.exposedHeaders(), grpcWeb.allowedHeaders(),
                    grpcWeb.maxAge(), maxMessage); // one limit for the route unless gRPC-Web sets its own
        }
        RestSettings rest = new RestSettings(forwarded, maxRequest, timeout);
        return new GrpcRouteConfig(upstream, connection, List.copyOf(services), schema, hasSchema, transcoding, rest,
                grpcWeb, maxMessage);
    }

    Duration timeout() {
        return rest.timeout();
    }

    private static boolean flag(JsonNode parent, String key, List<ConfigException.Problem> problems) {
        JsonNode value = parent.get(key);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            problems.add(new ConfigException.Problem("rest." + key, "must be true or false"));
            return false;
        }
        return value.asBoolean();
    }

    private static long size(JsonNode value, String path, long fallback, long max, List<ConfigException.Problem> problems) {
        if (value == null || value.isNull()) {
            return fallback;
        }
        try {
            long parsed = HumanSize.parse(value.asText());
            if (parsed <= 0 || parsed > max) {
                problems.add(new ConfigException.Problem(path, "must be between 1 byte and " + max + " bytes"));
                return fallback;
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigException.Problem(path, e.getMessage()));
            return fallback;
        }
    }

    private static void unknownKeys(JsonNode node, Set<String> known, String prefix,
                                    List<ConfigException.Problem> problems) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(new ConfigException.Problem(prefix.isEmpty() ? name : prefix + "." + name,
                        "unknown key; expected one of " + String.join(", ", known.stream().sorted().toList())));
            }
        }
    }
}
