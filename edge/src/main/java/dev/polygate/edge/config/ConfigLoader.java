package dev.polygate.edge.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.polygate.edge.address.TrustedProxies;
import dev.polygate.edge.routing.PathOptions;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigNode;
import dev.polygate.spi.Consumer;
import dev.polygate.spi.UpstreamConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the YAML configuration into {@link GatewayConfig}. Every problem in the file is collected with
 * its YAML path before anything is reported, so one {@code check} run shows them all.
 */
public final class ConfigLoader {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> ROOT_KEYS = ordered("dataDir", "listeners", "admin", "limits", "accessLog",
            "drainTimeout", "reload", "policyTimeout", "policies", "consumers", "upstreams", "routes", "trustedProxies",
            "paths");

    private final List<ConfigException.Problem> problems = new ArrayList<>();
    private final Path baseDirectory;

    private ConfigLoader(Path baseDirectory) {
        this.baseDirectory = baseDirectory;
    }

    /**
     * A file read as far as it could be.
     *
     * @param config   the configuration with a fallback wherever a value was invalid; null when the file cannot
     *                 be read or is not YAML
     * @param problems every problem found, in the order found; empty when the file is valid
     */
    public record Reading(GatewayConfig config, List<ConfigException.Problem> problems) {
        public Reading {
            problems = List.copyOf(problems);
        }
    }

    /** Loads and validates a configuration file. */
    public static GatewayConfig load(Path file) throws ConfigException {
        return valid(read(file));
    }

    /**
     * Reads a configuration file without stopping at its problems, so that what is built from it (routes,
     * translators) can be checked too and every problem reported at once.
     */
    public static Reading read(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (IOException e) {
            return new Reading(null, List.of(new ConfigException.Problem("", "cannot read " + file + ": " + e.getMessage())));
        }
        Path absolute = file.toAbsolutePath().normalize();
        return read(yaml, absolute, absolute.getParent());
    }

    /** Loads a configuration from text; {@code source} may be null for built-in configs. */
    public static GatewayConfig parse(String yaml, Path source, Path baseDirectory) throws ConfigException {
        return valid(read(yaml, source, baseDirectory));
    }

    private static Reading read(String yaml, Path source, Path baseDirectory) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            return new Reading(null, List.of(new ConfigException.Problem("", "not valid YAML" + where + ": "
                    + e.getOriginalMessage())));
        }
        ConfigLoader loader = new ConfigLoader(baseDirectory);
        GatewayConfig config = loader.read(ConfigNode.root(root, loader.problems), source);
        return new Reading(config, loader.problems);
    }

    private static GatewayConfig valid(Reading reading) throws ConfigException {
        if (!reading.problems().isEmpty()) {
            throw new ConfigException(reading.problems());
        }
        return reading.config();
    }

    private GatewayConfig read(ConfigNode root, Path source) {
        if (root.isPresent()) {
            root.expectObject(ROOT_KEYS);
        }
        Path dataDir = resolve(root.text("dataDir", ".polygate"));
        List<ListenerConfig> listeners = listeners(root.get("listeners"));
        AdminConfig admin = admin(root.get("admin"));
        LimitsConfig limits = limits(root.get("limits"));
        AccessLogConfig accessLog = accessLog(root.get("accessLog"));
        Duration drain = root.duration("drainTimeout", Duration.ofSeconds(30));
        ConfigNode reload = root.get("reload");
        reload.expectObject(Set.of("watch"));
        boolean watch = reload.bool("watch", true);
        Duration policyTimeout = root.duration("policyTimeout", Duration.ofSeconds(5));
        if (policyTimeout.isZero() || policyTimeout.isNegative()) {
            root.get("policyTimeout").problem("must be positive, e.g. 5s");
            policyTimeout = Duration.ofSeconds(5);
        }
        List<RouteConfig.PolicyEntry> policies = policies(root.get("policies"));
        List<Consumer> consumers = consumers(root.get("consumers"));
        Map<String, UpstreamConfig> upstreams = upstreams(root.get("upstreams"));
        List<RouteConfig> routes = routes(root.get("routes"));
        TrustedProxies trustedProxies = TrustedProxies.read(root.get("trustedProxies"));
        PathOptions paths = PathOptions.read(root.get("paths"));
        return new GatewayConfig(source, baseDirectory, dataDir, listeners, admin, limits, accessLog, drain, watch,
                policyTimeout, policies, consumers, upstreams, routes, trustedProxies, paths);
    }

    private List<ListenerConfig> listeners(ConfigNode node) {
        if (!node.isPresent()) {
            return List.of(new ListenerConfig("https", "0.0.0.0", 8443,
                            new TlsConfig(List.of(), TlsConfig.ClientAuthMode.NONE, null), true, true, false, List.of()),
                    new ListenerConfig("http", "0.0.0.0", 8080, null, true, true, false, List.of()));
        }
        List<ListenerConfig> listeners = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> bound = new HashSet<>();
        for (ConfigNode item : node.items()) {
            item.expectObject(ordered("name", "address", "port", "tls", "http2", "webSocketOverHttp2", "proxyProtocol",
                    "policies"));
            int port = item.integer("port", 0, 0, 65535);
            if (!item.get("port").isPresent()) {
                item.get("port").problem("is required");
            }
            String name = item.text("name", "listener-" + listeners.size());
            String address = item.text("address", "0.0.0.0");
            if (!names.add(name)) {
                item.get("name").problem("duplicate listener name '" + name + "'");
            }
            if (port != 0 && !bound.add(address + ":" + port)) {
                item.get("port").problem("another listener already uses " + address + ":" + port);
            }
            TlsConfig tls = item.get("tls").isPresent() ? tls(item.get("tls")) : null;
            listeners.add(new ListenerConfig(name, address, port, tls, item.bool("http2", true),
                    item.bool("webSocketOverHttp2", true), item.bool("proxyProtocol", false),
                    policies(item.get("policies"))));
        }
        if (listeners.isEmpty()) {
            node.problem("needs at least one listener");
        }
        return listeners;
    }

    private TlsConfig tls(ConfigNode node) {
        if (node.raw().isObject() && node.raw().isEmpty()) {
            return new TlsConfig(List.of(), TlsConfig.ClientAuthMode.NONE, null);
        }
        node.expectObject(ordered("certificates", "clientAuth", "clientCa"));
        List<TlsConfig.CertificateConfig> certificates = new ArrayList<>();
        for (ConfigNode item : node.get("certificates").items()) {
            item.expectObject(ordered("certificate", "privateKey", "serverNames"));
            Path chain = existingFile(item, "certificate");
            Path key = existingFile(item, "privateKey");
            certificates.add(new TlsConfig.CertificateConfig(chain, key, item.textList("serverNames")));
        }
        TlsConfig.ClientAuthMode mode = enumValue(node, "clientAuth", TlsConfig.ClientAuthMode.class,
                TlsConfig.ClientAuthMode.NONE);
        Path clientCa = node.get("clientCa").isPresent() ? existingFile(node, "clientCa") : null;
        if (mode != TlsConfig.ClientAuthMode.NONE && !node.get("clientCa").isPresent()) {
            node.get("clientCa").problem("is required when clientAuth is " + mode.name().toLowerCase(Locale.ROOT));
        }
        return new TlsConfig(certificates, mode, clientCa);
    }

    private AdminConfig admin(ConfigNode node) {
        node.expectObject(ordered("enabled", "address", "port"));
        return new AdminConfig(node.bool("enabled", true), node.text("address", "127.0.0.1"),
                node.integer("port", 9901, 0, 65535));
    }

    private LimitsConfig limits(ConfigNode node) {
        node.expectObject(ordered("maxHeaderSize", "maxInitialLineLength", "maxRequestBody", "maxConcurrentStreams",
                "maxRstFramesPerMinute", "clientIdleTimeout", "proxyProtocolTimeout"));
        Duration proxyProtocolTimeout = node.duration("proxyProtocolTimeout",
                LimitsConfig.DEFAULT_PROXY_PROTOCOL_TIMEOUT);
        if (proxyProtocolTimeout.isZero()) {
            node.get("proxyProtocolTimeout").problem("must be positive, e.g. 5s");
            proxyProtocolTimeout = LimitsConfig.DEFAULT_PROXY_PROTOCOL_TIMEOUT;
        }
        return new LimitsConfig(
                (int) Math.min(Integer.MAX_VALUE, node.size("maxHeaderSize", 16 * 1024)),
                (int) Math.min(Integer.MAX_VALUE, node.size("maxInitialLineLength", 8 * 1024)),
                node.size("maxRequestBody", 0),
                node.integer("maxConcurrentStreams", 256, 1, Integer.MAX_VALUE),
                node.integer("maxRstFramesPerMinute", 400, 1, Integer.MAX_VALUE),
                node.duration("clientIdleTimeout", Duration.ofSeconds(60)), proxyProtocolTimeout);
    }

    private AccessLogConfig accessLog(ConfigNode node) {
        node.expectObject(ordered("enabled", "file"));
        String file = node.text("file", null);
        return new AccessLogConfig(node.bool("enabled", true), file == null ? null : resolve(file));
    }

    private Map<String, UpstreamConfig> upstreams(ConfigNode node) {
        Map<String, UpstreamConfig> upstreams = new LinkedHashMap<>();
        node.entries().forEach((name, item) -> {
            item.expectObject(ordered("endpoints", "tls", "connectTimeout", "idleTimeout", "maxConnectionsPerLoop"));
            List<URI> endpoints = new ArrayList<>();
            List<String> texts = item.textList("endpoints");
            for (int i = 0; i < texts.size(); i++) {
                endpoints.add(endpoint(item.get("endpoints").path() + "[" + i + "]", texts.get(i)));
            }
            if (endpoints.isEmpty()) {
                item.get("endpoints").problem("needs at least one endpoint such as http://127.0.0.1:9000");
            }
            ConfigNode tls = item.get("tls");
            tls.expectObject(ordered("caFile", "serverName", "insecure"));
            UpstreamConfig.UpstreamTls upstreamTls = new UpstreamConfig.UpstreamTls(
                    tls.get("caFile").isPresent() ? existingFile(tls, "caFile") : null,
                    tls.text("serverName", null), tls.bool("insecure", false));
            upstreams.put(name, new UpstreamConfig(name, endpoints, upstreamTls,
                    item.duration("connectTimeout", Duration.ofSeconds(5)),
                    item.duration("idleTimeout", Duration.ofSeconds(60)),
                    item.integer("maxConnectionsPerLoop", 512, 1, 1_000_000)));
        });
        return upstreams;
    }

    private URI endpoint(String path, String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!Set.of("http", "https", "h2c", "ws", "wss").contains(scheme)) {
                problems.add(new ConfigException.Problem(path, "scheme must be http, h2c, https, ws or wss: '" + text + "'"));
            } else if (uri.getHost() == null || uri.getPort() < 0 && !scheme.startsWith("http") && !scheme.startsWith("ws")) {
                problems.add(new ConfigException.Problem(path, "needs a host and port, e.g. " + scheme + "://127.0.0.1:9000"));
            } else if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
                problems.add(new ConfigException.Problem(path, "must not have a path; use the route's rewrite"));
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add(new ConfigException.Problem(path, "not a URI: " + e.getMessage()));
            return URI.create("http://invalid");
        }
    }

    private List<RouteConfig> routes(ConfigNode node) {
        List<RouteConfig> routes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigNode item : node.items()) {
            item.expectObject(ordered("name", "match", "translator", "backend", "stripPrefix", "rewrite", "policies",
                    "websocket"));
            String name = item.text("name", "route-" + routes.size());
            if (!names.add(name)) {
                item.get("name").problem("duplicate route name '" + name + "'");
            }
            RouteConfig.Match match = MatchReader.read(item.get("match"));
            String stripPrefix = item.text("stripPrefix", null);
            if (stripPrefix != null && !stripPrefix.startsWith("/")) {
                item.get("stripPrefix").problem("must start with /");
            }
            String rewrite = item.text("rewrite", null);
            if (rewrite != null && !rewrite.startsWith("/")) {
                item.get("rewrite").problem("must start with /");
            }
            String translator = item.text("translator", "http");
            // A named translator judges its own section (grpc-reflection takes none); the default one needs it.
            if (!item.get("backend").isPresent() && translator.equals("http")) {
                item.get("backend").problem("is required: where the route sends its requests, e.g. {upstream: name}");
            }
            List<RouteConfig.PolicyEntry> policies = policies(item.get("policies"));
            routes.add(new RouteConfig(item.path(), name, match, translator,
                    item.get("backend").raw(), stripPrefix, rewrite, policies, WebSocketConfig.read(item.get("websocket"))));
        }
        return routes;
    }

    /** The {@code consumers} list: names (unique) and groups here; credentials are the auth policies' to read. */
    private List<Consumer> consumers(ConfigNode node) {
        List<Consumer> consumers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigNode item : node.items()) {
            item.expectObject(ordered("name", "groups", "credentials"));
            String name = item.requiredText("name");
            if (name == null) {
                continue;
            }
            if (!names.add(name)) {
                item.get("name").problem("duplicate consumer name '" + name + "'");
            }
            consumers.add(new Consumer(item.path(), name, new LinkedHashSet<>(item.textList("groups")),
                    item.get("credentials").raw()));
        }
        return consumers;
    }

    /** A {@code policies} list: one-key mappings, each the policy's name and its section. */
    private List<RouteConfig.PolicyEntry> policies(ConfigNode node) {
        List<RouteConfig.PolicyEntry> policies = new ArrayList<>();
        for (ConfigNode policy : node.items()) {
            if (!policy.raw().isObject() || policy.raw().size() != 1) {
                policy.problem("must be a mapping with exactly one key, the policy's name");
                continue;
            }
            String policyName = policy.raw().fieldNames().next();
            ConfigNode section = policy.get(policyName);
            policies.add(new RouteConfig.PolicyEntry(section.path(), policyName, section.raw()));
        }
        return policies;
    }

    private Path existingFile(ConfigNode node, String key) {
        String text = node.requiredText(key);
        if (text == null) {
            return null;
        }
        Path file = resolve(text);
        if (!Files.isReadable(file)) {
            node.get(key).problem("file not found or not readable: " + file);
        }
        return file;
    }

    private Path resolve(String text) {
        Path path = Path.of(text);
        return path.isAbsolute() || baseDirectory == null ? path : baseDirectory.resolve(path).normalize();
    }

    private <E extends Enum<E>> E enumValue(ConfigNode node, String key, Class<E> type, E fallback) {
        String text = node.text(key, null);
        if (text == null) {
            return fallback;
        }
        for (E value : type.getEnumConstants()) {
            if (value.name().equalsIgnoreCase(text)) {
                return value;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E value : type.getEnumConstants()) {
            allowed.add(value.name().toLowerCase(Locale.ROOT));
        }
        node.get(key).problem("must be one of " + String.join(", ", allowed) + ", was '" + text + "'");
        return fallback;
    }

    static Set<String> ordered(String... keys) {
        return new LinkedHashSet<>(List.of(keys));
    }
}
