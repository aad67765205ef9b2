package dev.polygate.interop;

/**
 * The configuration most black-box tests run the gateway with: no file watching, the admin API and one cleartext
 * listener on 127.0.0.1, all on free ports ({@link GatewayProcess#port} reads them back).
 */
final class LocalGatewayConfig {
    private LocalGatewayConfig() {
    }

    /** The YAML text with these {@code upstreams} and {@code routes} entries (each block unindented). */
    static String yaml(String upstreams, String routes) {
        return """
                reload: { watch: false }
                admin: { port: 0 }
                listeners:
                  - { name: http, address: 127.0.0.1, port: 0 }
                upstreams:
                """ + upstreams.indent(2) + "routes:\n" + routes.indent(2);
    }
}
