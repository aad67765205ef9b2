package dev.polygate.translators.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.HumanDuration;
import dev.polygate.spi.TranslatorContext;
import dev.polygate.spi.UpstreamConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A route's {@code backend} section for the http translator.
 *
 * @param idleTimeout  the longest silence from the upstream while waiting for or streaming the response; zero for none
 * @param totalTimeout the longest a whole exchange may take; zero for none
 */
record BackendConfig(UpstreamConfig upstream, HostHeader hostHeader, Duration idleTimeout, Duration totalTimeout) {

    static final Duration DEFAULT_IDLE = Duration.ofSeconds(60);
    private static final Set<String> KEYS = Set.of("upstream", "hostHeader", "timeouts");
    private static final Set<String> TIMEOUT_KEYS = Set.of("idle", "total");

    /** @throws ConfigException listing every problem found, with paths relative to the section */
    static BackendConfig parse(JsonNode config, TranslatorContext context) throws ConfigException {
        List<ConfigException.Problem> problems = new ArrayList<>();
        if (config == null || config.isNull() || config.isMissingNode() || !config.isObject()) {
            throw new ConfigException("", "the http translator needs a map with at least 'upstream'");
        }
        rejectUnknownKeys(config, KEYS, "", problems);

        UpstreamConfig upstream = null;
        JsonNode upstreamNode = config.get("upstream");
        if (upstreamNode == null || upstreamNode.isNull()) {
            problems.add(new ConfigException.Problem("upstream", "is required: the name of an entry in 'upstreams'"));
        } else if (!upstreamNode.isTextual() || upstreamNode.asText().isBlank()) {
            problems.add(new ConfigException.Problem("upstream", "must be the name of an entry in 'upstreams'"));
        } else {
            upstream = context.upstream(upstreamNode.asText()).orElse(null);
            if (upstream == null) {
                problems.add(new ConfigException.Problem("upstream",
                        "there is no upstream named '" + upstreamNode.asText() + "' in 'upstreams'; configured: "
                                + (context.upstreamNames().isEmpty() ? "none"
                                : String.join(", ", new java.util.TreeSet<>(context.upstreamNames())))));
            }
        }

        HostHeader hostHeader = HostHeader.KEEP;
        JsonNode hostNode = config.get("hostHeader");
        if (hostNode != null && !hostNode.isNull()) {
            // The value goes onto the wire unchecked: nothing that could split the head or the header.
            String host = hostNode.isTextual() ? hostNode.asText().trim() : "";
            if (host.isEmpty() || host.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
                problems.add(new ConfigException.Problem("hostHeader",
                        "must be 'keep', 'upstream' or a literal host name"));
            } else {
                hostHeader = HostHeader.parse(host);
            }
        }

        Duration idle = DEFAULT_IDLE;
        Duration total = Duration.ZERO;
        JsonNode timeouts = config.get("timeouts");
        if (timeouts != null && !timeouts.isNull()) {
            if (!timeouts.isObject()) {
                problems.add(new ConfigException.Problem("timeouts", "must be a map with 'idle' and/or 'total'"));
            } else {
                rejectUnknownKeys(timeouts, TIMEOUT_KEYS, "timeouts", problems);
                idle = duration(timeouts.get("idle"), "timeouts.idle", idle, problems);
                total = duration(timeouts.get("total"), "timeouts.total", total, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new BackendConfig(upstream, hostHeader, idle, total);
    }

    private static Duration duration(JsonNode node, String path, Duration fallback,
                                     List<ConfigException.Problem> problems) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isTextual() && !node.isIntegralNumber()) {
            problems.add(new ConfigException.Problem(path, "must be a duration such as 250ms, 5s, 2m or 1h"));
            return fallback;
        }
        try {
            return HumanDuration.parse(node.asText());
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigException.Problem(path, e.getMessage()));
            return fallback;
        }
    }

    private static void rejectUnknownKeys(JsonNode node, Set<String> known, String prefix,
                                          List<ConfigException.Problem> problems) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                String path = prefix.isEmpty() ? name : prefix + "." + name;
                problems.add(new ConfigException.Problem(path,
                        "unknown key; expected one of " + String.join(", ", known.stream().sorted().toList())));
            }
        }
    }
}
