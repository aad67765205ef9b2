package dev.polygate.edge.access;

import dev.polygate.edge.config.ConfigLoader;
import dev.polygate.edge.server.GatewayServer;
import java.nio.file.Path;

/**
 * The gateway of the client-address tests: 127.0.0.1 and 10.0.0.0/8 are trusted proxies (127.0.0.2, another
 * loopback source, is not); a plain listener, and a cleartext and a TLS listener behind a PROXY-protocol balancer;
 * a route open to all and one allowing only 203.0.113.0/24 and 2001:db8::/32, both to a recording backend. The
 * access log goes to {@code access.log} in {@code dir}.
 */
final class AccessGateway implements AutoCloseable {
    private final RecordingBackend backend;
    private final GatewayServer gateway;
    private final AccessLogFile log;

    private AccessGateway(RecordingBackend backend, GatewayServer gateway, AccessLogFile log) {
        this.backend = backend;
        this.gateway = gateway;
        this.log = log;
    }

    static AccessGateway start(Path dir) throws Exception {
        RecordingBackend backend = RecordingBackend.start();
        try {
            return new AccessGateway(backend, gateway(dir, backend.port()), new AccessLogFile(dir.resolve("access.log")));
        } catch (Exception e) {
            backend.close();
            throw e;
        }
    }

    RecordingBackend backend() {
        return backend;
    }

    GatewayServer gateway() {
        return gateway;
    }

    AccessLogFile log() {
        return log;
    }

    @Override
    public void close() {
        gateway.close();
        backend.close();
    }

    private static GatewayServer gateway(Path dir, int backendPort) throws Exception {
        String yaml = """
                dataDir: %s
                accessLog: { file: "%s" }
                reload: { watch: false }
                drainTimeout: 1s
                admin: { enabled: false }
                trustedProxies: [ "127.0.0.1/32", "10.0.0.0/8" ]
                limits: { proxyProtocolTimeout: 500ms }
                listeners:
                  - { name: http, address: 127.0.0.1, port: 0 }
                  - { name: proxied, address: 127.0.0.1, port: 0, proxyProtocol: true }
                  - { name: proxied-tls, address: 127.0.0.1, port: 0, proxyProtocol: true, tls: {} }
                upstreams:
                  backend: { endpoints: [ "http://127.0.0.1:%d" ] }
                routes:
                  - name: open
                    match: { prefix: /open }
                    backend: { upstream: backend }
                  - name: guarded
                    match: { prefix: /guarded }
                    backend: { upstream: backend }
                    policies:
                      - ipRules: { allow: [ "203.0.113.0/24", "2001:db8::/32" ] }
                """.formatted(dir, dir.resolve("access.log"), backendPort);
        return GatewayServer.start(ConfigLoader.parse(yaml, null, dir));
    }
}
