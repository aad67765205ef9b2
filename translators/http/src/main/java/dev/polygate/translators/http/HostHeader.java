package dev.polygate.translators.http;

/** What the upstream request carries as Host (HTTP/1.1) or :authority (HTTP/2). */
record HostHeader(Mode mode, String literal) {

    enum Mode {
        /** The authority the client addressed. */
        KEEP,
        /** The endpoint's {@code host:port}. */
        UPSTREAM,
        /** A fixed value from the route's configuration. */
        LITERAL
    }

    static final HostHeader KEEP = new HostHeader(Mode.KEEP, null);

    static HostHeader parse(String value) {
        return switch (value) {
            case "keep" -> KEEP;
            case "upstream" -> new HostHeader(Mode.UPSTREAM, null);
            default -> new HostHeader(Mode.LITERAL, value);
        };
    }

    String value(String clientAuthority, Endpoint endpoint) {
        return switch (mode) {
            case KEEP -> clientAuthority == null || clientAuthority.isEmpty() ? endpoint.authority() : clientAuthority;
            case UPSTREAM -> endpoint.authority();
            case LITERAL -> literal;
        };
    }
}
