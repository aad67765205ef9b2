package dev.polygate.translators.http;

import dev.polygate.spi.UpstreamConfig;
import java.nio.file.Path;

/** The four ways to reach a backend, each with a backend that speaks it. */
enum Backends {
    HTTP1("http", "HTTP/1.1"),
    H2C("h2c", "HTTP/2"),
    HTTPS_H2("https", "HTTP/2"),
    HTTPS_HTTP1_ONLY("https", "HTTP/1.1");

    private final String scheme;
    final String protocol;

    Backends(String scheme, String protocol) {
        this.scheme = scheme;
        this.protocol = protocol;
    }

    TestBackend start(String name, TestCertificate certificate) throws Exception {
        return switch (this) {
            case HTTP1, H2C -> TestBackend.cleartext(name);
            case HTTPS_H2 -> TestBackend.tls(name, certificate, "h2", "http/1.1");
            case HTTPS_HTTP1_ONLY -> TestBackend.tls(name, certificate, "http/1.1");
        };
    }

    String endpoint(TestBackend backend) {
        return scheme + "://127.0.0.1:" + backend.port();
    }

    /** https upstreams trust the backend's certificate and verify it as {@code localhost}. */
    UpstreamConfig upstream(String name, Path caFile, TestBackend... backends) {
        String[] endpoints = new String[backends.length];
        for (int i = 0; i < backends.length; i++) {
            endpoints[i] = endpoint(backends[i]);
        }
        UpstreamConfig.UpstreamTls tls = scheme.equals("https")
                ? new UpstreamConfig.UpstreamTls(caFile, "localhost", false) : UpstreamConfig.UpstreamTls.DEFAULT;
        return TestContext.upstreamConfig(name, tls, 8, endpoints);
    }
}
