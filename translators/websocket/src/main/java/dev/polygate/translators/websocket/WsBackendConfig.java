package dev.polygate.translators.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigProblems;
import dev.polygate.spi.HumanDuration;
import dev.polygate.spi.HumanSize;
import dev.polygate.spi.TranslatorContext;
import dev.polygate.spi.UpstreamConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A route's {@code backend} section for the websocket translator.
 *
 * @param hostHeader       {@code null} for the endpoint's {@code host:port}, {@code "keep"} for the client's, or a
 *                         literal
 * @param handshakeTimeout connecting and the backend's handshake together (504 beyond)
 * @param maxFrameSize     largest frame the backend may send (the backend session is closed with 1009 beyond, the
 *                         client's with 1011)
 * @param eventStream      whether GET and POST clients reach the backend as Server-Sent Events
 * @param http2            sessions reach the backend by RFC 8441 extended CONNECT over HTTP/2 instead of the HTTP/1.1
 *                         upgrade
 */
record WsBackendConfig(UpstreamConfig upstream, List<WsEndpoint> endpoints, String hostHeader,
                       OriginAllowList allowedOrigins, Duration handshakeTimeout, int maxFrameSize,
                       EventStreamConfig eventStream, boolean http2) {

    private static final Set<String> KEYS = Set.of("upstream", "hostHeader", "allowedOrigins", "handshakeTimeout",
            "maxFrameSize", "eventStream", "http2");

    static WsBackendConfig parse(JsonNode config, TranslatorContext context) throws ConfigException {
        if (config == null || !config.isObject()) {
            throw new ConfigException("", "the websocket translator needs a map with at least 'upstream'");
        }
        ConfigProblems problems = new ConfigProblems();
        for (Iterator<String> names = config.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                problems.add(name, "unknown key; expected one of " + String.join(", ", new TreeSet<>(KEYS)));
            }
        }
        UpstreamConfig upstream = null;
        List<WsEndpoint> endpoints = new ArrayList<>();
        JsonNode upstreamNode = config.get("upstream");
        if (upstreamNode == null || !upstreamNode.isTextual() || upstreamNode.asText().isBlank()) {
            problems.add("upstream", "is required: the name of an entry in 'upstreams'");
        } else {
            upstream = context.upstream(upstreamNode.asText()).orElse(null);
            if (upstream == null) {
                problems.add("upstream", "there is no upstream named '" + upstreamNode.asText() + "' in 'upstreams'; configured: "
                        + (context.upstreamNames().isEmpty() ? "none" : String.join(", ", new TreeSet<>(context.upstreamNames()))));
            } else {
                for (URI uri : upstream.endpoints()) {
                    try {
                        endpoints.add(WsEndpoint.of(uri));
                    } catch (IllegalArgumentException e) {
                        problems.add("upstream", "upstream '" + upstream.name() + "': " + e.getMessage());
                    }
                }
            }
        }
        String hostHeader = null;
        JsonNode host = config.get("hostHeader");
        if (host != null && !host.isNull()) {
            String value = host.isTextual() ? host.asText().trim() : "";
            if (value.isEmpty() || value.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
                problems.add("hostHeader", "must be 'keep', 'upstream' or a literal host name");
            } else if (!value.equals("upstream")) {
                hostHeader = value;
            }
        }
        List<String> origins = new ArrayList<>();
        JsonNode originsNode = config.get("allowedOrigins");
        if (originsNode == null || originsNode.isNull()) {
            origins.add("*");
        } else if (!originsNode.isArray()) {
            problems.add("allowedOrigins", "must be a list such as [ \"https://app.example.com\", \"https://*.example.com\" ]");
        } else {
            for (int i = 0; i < originsNode.size(); i++) {
                String pattern = originsNode.get(i).asText("");
                try {
                    OriginAllowList.check(pattern);
                    origins.add(pattern);
                } catch (IllegalArgumentException e) {
                    problems.add("allowedOrigins[" + i + "]", e.getMessage());
                }
            }
        }
        Duration handshake = Duration.ofSeconds(10);
        JsonNode timeout = config.get("handshakeTimeout");
        if (timeout != null && !timeout.isNull()) {
            try {
                handshake = HumanDuration.parse(timeout.asText());
                if (handshake.isZero() || handshake.isNegative()) {
                    problems.add("handshakeTimeout", "must be positive");
                }
            } catch (IllegalArgumentException e) {
                problems.add("handshakeTimeout", e.getMessage());
            }
        }
        long frame = 16L * 1024 * 1024;
        JsonNode size = config.get("maxFrameSize");
        if (size != null && !size.isNull()) {
            try {
                frame = HumanSize.parse(size.asText());
                if (frame < 125 || frame > Integer.MAX_VALUE) {
                    problems.add("maxFrameSize", "must be between 125 bytes and 2GiB");
                }
            } catch (IllegalArgumentException e) {
                problems.add("maxFrameSize", e.getMessage());
            }
        }
        EventStreamConfig eventStream = EventStreamConfig.parse(config.get("eventStream"), "eventStream", problems);
        boolean http2 = false;
        JsonNode http2Node = config.get("http2");
        if (http2Node != null && !http2Node.isNull()) {
            if (http2Node.isBoolean()) {
                http2 = http2Node.booleanValue();
            } else {
                problems.add("http2", "must be true (RFC 8441 extended CONNECT over HTTP/2) or false (HTTP/1.1 upgrade)");
            }
        }
        problems.throwIfAny();
        return new WsBackendConfig(upstream, List.copyOf(endpoints), hostHeader, new OriginAllowList(origins), handshake,
                (int) frame, eventStream, http2);
    }
}
