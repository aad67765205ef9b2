package dev.polygate.translators.http;

/** How an endpoint is spoken to, from the scheme of its URI. */
enum Scheme {
    /** HTTP/1.1 over TCP, connections kept alive and pooled. */
    HTTP("http", 80),
    /** HTTP/2 over TCP with prior knowledge: one multiplexed connection. */
    H2C("h2c", 80),
    /** TLS; ALPN decides between HTTP/2 and HTTP/1.1 per connection. */
    HTTPS("https", 443);

    private final String uriScheme;
    private final int defaultPort;

    Scheme(String uriScheme, int defaultPort) {
        this.uriScheme = uriScheme;
        this.defaultPort = defaultPort;
    }

    int defaultPort() {
        return defaultPort;
    }

    static Scheme of(String uriScheme) {
        for (Scheme scheme : values()) {
            if (scheme.uriScheme.equalsIgnoreCase(uriScheme)) {
                return scheme;
            }
        }
        return null;
    }
}
