package dev.polygate.translators.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.Translator;
import dev.polygate.spi.TranslatorContext;
import dev.polygate.spi.TranslatorFactory;
import dev.polygate.spi.UpstreamConfig;
import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code http} translator: a streaming reverse proxy to HTTP/1.1, h2c and https (h2 or HTTP/1.1)
 * upstreams.
 *
 * <p>Connection pools belong to an {@link UpstreamConfig}, not to a route: every translator built for an
 * equal upstream configuration shares them, so a configuration reload that leaves an upstream unchanged
 * keeps its warm connections. An upstream is retired when the last translator using it is closed.
 */
public final class HttpTranslatorFactory implements TranslatorFactory {
    private final ConcurrentHashMap<UpstreamConfig, Upstream> upstreams = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "http";
    }

    @Override
    public Translator create(JsonNode config, TranslatorContext context) throws ConfigException {
        BackendConfig backend = BackendConfig.parse(config, context);
        return new HttpTranslator(upstream(backend.upstream(), context), backend, this::release);
    }

    private Upstream upstream(UpstreamConfig config, TranslatorContext context) throws ConfigException {
        while (true) {
            Upstream existing = upstreams.get(config);
            if (existing != null && existing.retain()) {
                return existing;
            }
            Upstream created = newUpstream(config, context);
            boolean installed = existing == null
                    ? upstreams.putIfAbsent(config, created) == null
                    : upstreams.replace(config, existing, created);
            if (installed) {
                return created;
            }
            // Another configuration build raced us; take (or replace) what it installed.
        }
    }

    private static Upstream newUpstream(UpstreamConfig config, TranslatorContext context) throws ConfigException {
        List<Endpoint> endpoints = new ArrayList<>(config.endpoints().size());
        List<ConfigException.Problem> problems = new ArrayList<>();
        for (URI uri : config.endpoints()) {
            try {
                endpoints.add(Endpoint.of(uri));
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigException.Problem("upstream", "upstream '" + config.name() + "': " + e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        SslContext ssl = UpstreamTlsContext.build(config, context.configDirectory());
        UpstreamConnector connector = new UpstreamConnector(config, context.transport(), ssl,
                context.resolver());
        return new Upstream(config, endpoints, connector);
    }

    private void release(Upstream upstream) {
        if (upstream.release()) {
            upstreams.remove(upstream.config(), upstream);
            upstream.retire();
        }
    }
}
