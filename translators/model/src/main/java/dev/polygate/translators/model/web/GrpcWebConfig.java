package dev.polygate.translators.model.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.HumanDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The gRPC-Web section of a route.
 *
 * @param allowedOrigins  origins that may call cross-origin: {@code "*"} for any, {@code scheme://host[:port]},
 *                        or {@code scheme://*.domain} for its subdomains. Empty: same-origin callers only
 * @param exposedHeaders  response metadata browsers may read, besides the gRPC status headers
 * @param allowedHeaders  request metadata browsers may send, besides the ones gRPC-Web clients always send;
 *                        {@code "*"} allows whatever a preflight asks for
 * @param maxAge          how long browsers may cache a preflight answer
 * @param maxMessageBytes the largest request message accepted
 */
public record GrpcWebConfig(List<String> allowedOrigins, List<String> exposedHeaders, List<String> allowedHeaders,
                            Duration maxAge, int maxMessageBytes) {
    /** 4 MiB, gRPC's usual default. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
    /** Chrome caps preflight caching at two hours anyway. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(2);
    private static final Set<String> KEYS = Set.of("allowedOrigins", "exposedHeaders", "allowedHeaders", "maxAge",
            "maxMessageBytes");

    public GrpcWebConfig {
        allowedOrigins = List.copyOf(allowedOrigins);
        exposedHeaders = lowerCase(exposedHeaders);
        allowedHeaders = lowerCase(allowedHeaders);
        if (maxAge == null || maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must not be negative");
        }
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be positive");
        }
    }

    /** Any origin, no extra headers, two-hour preflight caching, 4 MiB messages. */
    public static GrpcWebConfig defaults() {
        return new GrpcWebConfig(List.of("*"), List.of(), List.of(), DEFAULT_MAX_AGE, DEFAULT_MAX_MESSAGE_BYTES);
    }

    /**
     * Reads the section; a missing or null node gives {@link #defaults()}.
     *
     * @throws ConfigException listing every problem, with paths relative to the section
     */
    public static GrpcWebConfig parse(JsonNode node) throws ConfigException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return defaults();
        }
        if (!node.isObject()) {
            throw new ConfigException("", "must be a map with any of " + String.join(", ", sorted(KEYS)));
        }
        List<ConfigException.Problem> problems = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                problems.add(new ConfigException.Problem(name, "unknown key; expected one of "
                        + String.join(", ", sorted(KEYS))));
            }
        }
        GrpcWebConfig fallback = defaults();
        List<String> origins = strings(node.get("allowedOrigins"), "allowedOrigins", fallback.allowedOrigins(),
                problems);
        for (int i = 0; i < origins.size(); i++) {
            String problem = originProblem(origins.get(i));
            if (problem != null) {
                problems.add(new ConfigException.Problem("allowedOrigins[" + i + "]", problem));
            }
        }
        List<String> exposed = strings(node.get("exposedHeaders"), "exposedHeaders", List.of(), problems);
        List<String> allowed = strings(node.get("allowedHeaders"), "allowedHeaders", List.of(), problems);
        Duration maxAge = DEFAULT_MAX_AGE;
        JsonNode ageNode = node.get("maxAge");
        if (ageNode != null && !ageNode.isNull()) {
            try {
                maxAge = HumanDuration.parse(ageNode.asText());
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigException.Problem("maxAge", e.getMessage()));
            }
        }
        int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        JsonNode sizeNode = node.get("maxMessageBytes");
        if (sizeNode != null && !sizeNode.isNull()) {
            if (!sizeNode.canConvertToInt() || !sizeNode.isIntegralNumber() || sizeNode.intValue() <= 0) {
                problems.add(new ConfigException.Problem("maxMessageBytes",
                        "must be a positive number of bytes below 2 GiB"));
            } else {
                maxMessageBytes = sizeNode.intValue();
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new GrpcWebConfig(origins, exposed, allowed, maxAge, maxMessageBytes);
    }

    private static List<String> strings(JsonNode node, String path, List<String> fallback,
                                        List<ConfigException.Problem> problems) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (node.isTextual()) {
            return List.of(node.asText().trim());
        }
        if (!node.isArray()) {
            problems.add(new ConfigException.Problem(path, "must be a list of strings"));
            return fallback;
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual() || item.asText().isBlank()) {
                problems.add(new ConfigException.Problem(path + "[" + i + "]", "must be a non-empty string"));
            } else {
                values.add(item.asText().trim());
            }
        }
        return values;
    }

    /** Why an allowed origin cannot match anything a browser sends, or null when it is fine. */
    private static String originProblem(String origin) {
        return CorsRules.originProblem(origin);
    }

    private static List<String> lowerCase(List<String> names) {
        return names.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }
}
