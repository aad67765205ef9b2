package dev.polygate.spi;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A named set of backend endpoints, from the {@code upstreams} section.
 *
 * @param name                   the upstream's name
 * @param endpoints              {@code http://host:port} (HTTP/1.1), {@code h2c://host:port} (HTTP/2 prior
 *                               knowledge) or {@code https://host:port} (TLS, ALPN h2 then http/1.1)
 * @param tls                    trust settings for {@code https} endpoints
 * @param connectTimeout         how long a connection may take to open
 * @param idleTimeout            a pooled connection unused this long is closed
 * @param maxConnectionsPerLoop  open connections per event loop and endpoint (HTTP/1.1); beyond it requests fail fast with 503
 */
public record UpstreamConfig(String name, List<URI> endpoints, UpstreamTls tls, Duration connectTimeout,
                             Duration idleTimeout, int maxConnectionsPerLoop) {

    /**
     * @param caFile     PEM file of trusted CAs; null for the JVM's default trust store
     * @param serverName SNI and verified host name; null for the endpoint's host
     * @param insecure   skip certificate verification (tests only)
     */
    public record UpstreamTls(Path caFile, String serverName, boolean insecure) {
        public static final UpstreamTls DEFAULT = new UpstreamTls(null, null, false);
    }
}
